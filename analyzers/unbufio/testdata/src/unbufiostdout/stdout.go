package unbufiostdout

import (
	"bufio"
	"fmt"
	"os"
)

// Printing to standard output, which other code shares: no fix.
func printAll(names []string) {
	for _, name := range names {
		fmt.Println(name)                  // want `2 writes \(fmt.Println, ...\) to os.Stdout in a loop .*no automatic fix: other code may write to os.Stdout meanwhile`
		fmt.Fprintf(os.Stdout, "%s", name) // the second
	}
}

// Standard error stays unbuffered.
func warnAll(names []string) {
	for _, name := range names {
		fmt.Fprintln(os.Stderr, name)
	}
}

// A prompt before each read of input must go out before the read.
func prompt(in *bufio.Reader, n int) {
	for range n {
		fmt.Print("> ")
		in.ReadString('\n')
	}
}
