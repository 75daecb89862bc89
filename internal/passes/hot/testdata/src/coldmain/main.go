// Command coldmain: every finding of a command looks cold.
package main

import "os"

func main() {
	s := ""
	for _, a := range os.Args {
		s += a // want `; looks cold: package main: a command, run once per invocation$`
	}
	println(s)
}
