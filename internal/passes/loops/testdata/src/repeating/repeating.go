// Package repeating holds the shapes of loops.Info.Repeating: each rule
// that counts a statement as run once, with a twin where it does not hold.
package repeating

import (
	"errors"
	"log"
	"strings"
)

func work() int { return 0 }

var errDup = errors.New("duplicate")

// Plain repetition, and what crosses a function boundary.

func plain(rows, cols []int) {
	work() // want `innermost none, repeating none`
	for range rows {
		work() // want `innermost range rows, repeating range rows`
		for range cols {
			work() // want `innermost range cols, repeating range cols`
		}
		func() {
			work() // want `innermost range rows, repeating range rows`
		}()
		go func() {
			work() // want `innermost none, repeating none`
		}()
	}
}

// A statement that leaves the function, or one followed by a return.

func leaves(rows []int, cond bool) int {
	for range rows {
		if cond {
			panic(work()) // want `innermost range rows, repeating none`
		}
		if cond {
			log.Fatal(work()) // want `innermost range rows, repeating none`
		}
	}
	for range rows {
		if cond {
			work() // want `innermost range rows, repeating none`
			return 1
		}
	}
	for range rows {
		if cond {
			work() // want `innermost range rows, repeating range rows`
			if cond {
				continue // may start another iteration before the return
			}
			return 1
		}
	}
	for range rows {
		if cond {
			x := work() // want `innermost range rows, repeating none`
			_ = x
		}
		return 2 // the body ends in a return: it runs once per call
	}
	for range rows {
		if cond {
			x := work() // want `innermost range rows, repeating range rows`
			_ = x
		}
		if cond {
			return 2 // a return only sometimes
		}
	}
	return 0
}

// A return leaves the function; the loop around a closure still repeats.

func leavesClosure(outer, inner []int, cond bool) {
	for range outer {
		func() {
			for range inner {
				if cond {
					work() // want `innermost range inner, repeating range outer`
					return
				}
			}
		}()
	}
}

// A statement followed by a break of its loop runs once per run of the
// loop.

func breaks(outer, inner []int, w, max int) {
	for range outer {
		for range inner {
			if w > max {
				work() // want `innermost range inner, repeating range outer`
				break
			}
		}
		for range inner {
			work() // want `innermost range inner, repeating range outer`
			break
		}
		for range inner {
			if w > max {
				if w < 0 {
					work() // want `innermost range inner, repeating range outer`
				}
				break
			}
		}
		for range inner {
			if w > max {
				if w < 0 {
					work() // want `innermost range inner, repeating range inner`
				}
				if w == 3 {
					continue // may start another iteration before the break
				}
				break
			}
		}
		for range inner {
			switch w {
			case 1:
				work() // want `innermost range inner, repeating range inner`
				break  // leaves the switch only
			}
		}
	}
	for range inner {
		if w > max {
			work() // want `innermost range inner, repeating none`
			break
		}
	}
}

func labelled(outer, inner []int) {
	for range outer {
	rows:
		for range inner {
			for range inner {
				work() // want `innermost range inner, repeating range outer`
				break rows
			}
		}
	}
}

// A range key compared with a constant: keys never repeat.

func forKey(opts map[string]string, ks []string, y string) {
	for k := range opts {
		switch k {
		case "pinned":
			work() // want `innermost range opts, repeating none`
		case y:
			work() // want `innermost range opts, repeating range opts`
		}
		if k == "x" {
			work() // want `innermost range opts, repeating none`
		}
		if strings.ToLower(k) == "x" {
			work() // want `innermost range opts, repeating none`
		}
		if k == y {
			work() // want `innermost range opts, repeating range opts`
		}
	}
	for i := range ks {
		if 3 == i {
			work() // want `innermost range ks, repeating none`
		}
	}
	for _, v := range ks { // values may repeat
		if v == "x" {
			work() // want `innermost range ks, repeating range ks`
		}
	}
	for k := range opts {
		if k == "x" {
			work() // want `innermost range opts, repeating range opts`
		}
		k = "x" // the key is assigned: it may repeat
		_ = k
	}
	for k := range opts {
		switch k {
		case "a":
			work() // want `innermost range opts, repeating range opts`
			fallthrough
		case "b":
		}
	}
}

func forKeyChan(ch chan string) {
	for k := range ch {
		if k == "x" {
			work() // want `innermost range ch, repeating range ch`
		}
	}
}

// A once-flag: an earlier `if F { leave }` and a later F = true, or the
// body of `if !F { ...; F = true }`.

func onceFlag(tags []string) error {
	used := false
	for _, t := range tags {
		if t == "else" {
			if used {
				return errDup
			}
			work() // want `innermost range tags, repeating none`
			used = true
		}
	}
	found := false
	for range tags {
		if !found {
			work() // want `innermost range tags, repeating none`
			found = true
		}
	}
	return nil
}

func onceFlagTwins(tags []string, s struct{ done bool }) {
	for range tags {
		inside := false // declared in the loop: false again every iteration
		if !inside {
			work() // want `innermost range tags, repeating range tags`
			inside = true
		}
	}
	reset := false
	for _, t := range tags {
		if !reset {
			work() // want `innermost range tags, repeating range tags`
			reset = true
		}
		if t == "" {
			reset = false // set to something else in the loop
		}
	}
	for range tags {
		if !s.done {
			work() // want `innermost range tags, repeating none`
			s.done = true
		}
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if !seen["x"] {
			work() // want `innermost range tags, repeating range tags`
			seen["x"] = true
		}
		delete(seen, t) // may drop the flag
	}
}

// An error latch: if err == nil { err = f(); if err != nil { ... } }.

func send() error { return nil }

func latch(items []int, errc chan error) {
	var err error
	for range items {
		if err == nil {
			err = send()
			if err != nil {
				work() // want `innermost range items, repeating none`
			}
		}
	}
	for range items {
		var err2 error // declared in the loop: nil every iteration
		if err2 == nil {
			err2 = send()
			if err2 != nil {
				work() // want `innermost range items, repeating range items`
			}
		}
	}
	var err3 error
	for range items {
		if err3 == nil {
			err3 = send()
			if err3 != nil {
				work() // want `innermost range items, repeating range items`
			}
		}
		err3 = nil // reset: the latch opens again
	}
	_ = err
}
