package fixessingle

import "fmt"

func f() string {
	return fmt.Sprint(use()) // want `use strings`
}

func use() string { return "" }
