/*
Package unbufio defines an Analyzer that reports small unbuffered reads and
writes repeated in loops.

# Analyzer unbufio

unbufio: report small writes and reads of a file or connection on every iteration of a loop

TODO
*/
package unbufio
