/*
Package mutexcount defines an Analyzer that reports mutexes taken only to
change one integer counter.

# Analyzer mutexcount

mutexcount: report a mutex locked only to add to one counter that sync/atomic could update

TODO
*/
package mutexcount
