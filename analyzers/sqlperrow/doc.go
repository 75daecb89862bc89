/*
Package sqlperrow defines an Analyzer that reports one SQL round trip per
item of a loop.

# Analyzer sqlperrow

sqlperrow: report the same SQL statement sent once per item of a loop

DOC
*/
package sqlperrow
