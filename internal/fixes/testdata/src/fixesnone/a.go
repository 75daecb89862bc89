package fixesnone

func f() string {
	return use() // want `use strings`
}

func use() string { return "" }
