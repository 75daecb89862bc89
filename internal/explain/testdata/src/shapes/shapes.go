package shapes

import "fmt"

type T struct{ names []string }

func grow(items []string) ([]string, map[string]int, string) {
	var out []string
	m := map[string]int{} // runtime: map creation
	s := ""
	n := 0
	arr := make([]int, len(items)) // runtime: slice of run-time size
	fixed := make([]int, 8)
	for i, it := range items {
		out = append(out, it) // runtime: slice growth
		m[it] = i             // runtime: map growth
		m[it]++               // runtime: map growth
		_ = m[it]
		arr[i] = i
		fixed[i%8] = i
		s += it    // runtime: string concatenation
		s = s + it // runtime: string concatenation
		n = n + i
		b := []byte(it) // runtime: conversion
		_ = string(b)   // runtime: conversion
		_ = n + 1
	}
	return out, m, s
}

func (t *T) add(name string) {
	t.names = append(t.names, name) // runtime: slice growth
	f := func() { t.names = nil }   // runtime: closure
	f()
	ch := make(chan int, 1) // runtime: channel creation
	ch <- 1
	v := any(name) // runtime: conversion
	_ = fmt.Sprint(v)
	_ = fmt.Sprint(t)
	_ = fmt.Sprint("constant")
	_ = fmt.Sprint(name) // runtime: conversion
}
