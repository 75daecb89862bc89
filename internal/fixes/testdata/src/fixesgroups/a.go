package fixesgroups

import (
	"fmt"
	"os"

	"fixesgroups/sub"
)

func f() string {
	fmt.Println(os.Args, sub.X)
	return use() // want `use strings`
}

func use() string { return "" }
