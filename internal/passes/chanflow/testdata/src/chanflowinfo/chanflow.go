// Package chanflowinfo holds the shapes chanflow tells apart: how
// goroutines send, where the function receives, uses it cannot follow,
// and the paths that leave without receiving.
package chanflowinfo

import (
	"errors"
	"time"
)

func work() (int, error) { return 0, nil }

// Senders: once, repeatedly, guarded.

func once() int {
	ch := make(chan int) // want `chan ch cap=0 senders=1 receives=1 other=false closed=false`
	go func() {          // want `sends on ch: sends=1 once=true guarded=false repeats=false loop=none; always receives; fix make\(chan int, 1\)`
		ch <- 1
	}()
	return <-ch // want `receives from ch: range=false select=false loop=none`
}

func repeatedly(items []int) {
	ch := make(chan int, 4) // want `chan ch cap=4 senders=1 receives=1 other=false closed=true`
	go func() {             // want `sends on ch: sends=1 once=false guarded=false repeats=true loop=none; always receives; fix make\(chan int, 1\)`
		for _, x := range items {
			ch <- x
		}
		close(ch)
	}()
	for range ch { // want `receives from ch: range=true select=false loop=range ch`
	}
}

func onceThenReturn(items []int) int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=2 once=true guarded=false repeats=false loop=none`
		for _, x := range items {
			if x > 0 {
				ch <- x // followed by a return: once
				return
			}
		}
		ch <- 0
	}()
	return <-ch // want `receives from ch`
}

func exclusive(c bool) int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=2 once=true guarded=false repeats=false`
		if c {
			ch <- 1
		} else {
			ch <- 2
		}
	}()
	return <-ch // want `receives from ch`
}

func twice() int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=2 once=false guarded=false repeats=false`
		ch <- 1
		ch <- 2
	}()
	return <-ch + <-ch // want `receives from ch` `receives from ch`
}

func guarded(done chan struct{}) int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=1 once=false guarded=true repeats=false`
		select {
		case ch <- 1:
		case <-done:
		}
	}()
	return <-ch // want `receives from ch`
}

// A named function of the package started with go, its parameter bound to
// the channel.

func worker(out chan<- int) { out <- 1 }

func named() int {
	ch := make(chan int) // want `chan ch cap=0 senders=1 receives=1 other=false`
	go worker(ch)        // want `sends on ch: sends=1 once=true`
	return <-ch          // want `receives from ch`
}

// Senders started in a loop: the buffer fix sizes by the loop's count when
// it has the same value where the channel is made. The graph does not count
// iterations: a receiving loop may run fewer times than the sending one.

func perItem(items []int) {
	ch := make(chan int) // want `chan ch cap=0 senders=1 receives=1`
	for _, x := range items {
		go func() { // want `sends on ch: sends=1 once=true guarded=false repeats=false loop=range items; abandons at end; fix make\(chan int, len\(items\)\)`
			ch <- x
		}()
	}
	for range items {
		<-ch // want `receives from ch: range=false select=false loop=range items`
	}
}

func perItemChanged(items []int) {
	ch := make(chan int) // want `chan ch`
	items = append(items, 1)
	for _, x := range items {
		go func() { // want `loop=range items; abandons at end; no fix: len\(items\) may change between the make of ch \(line \d+\) and the loop \(line \d+\)`
			ch <- x
		}()
	}
	for range items {
		<-ch // want `receives from ch`
	}
}

func perItemLate(n int) {
	ch := make(chan int) // want `chan ch`
	m := n * 2
	for i := 0; i < m; i++ {
		go func() { // want `loop=for i < m; abandons at end; no fix: m is declared after ch is made`
			ch <- i
		}()
	}
	for i := 0; i < m; i++ {
		<-ch // want `receives from ch`
	}
}

// Uses chanflow cannot follow.

func consume(chan int) {}

type box struct{ c chan int }

func passed() {
	ch := make(chan int)    // want `chan ch cap=0 senders=1 receives=0 other=true`
	go func() { ch <- 1 }() // want `sends on ch`
	consume(ch)
}

func stored() box {
	ch := make(chan int)    // want `other=true`
	go func() { ch <- 1 }() // want `sends on ch`
	return box{c: ch}
}

func deferredClose(items []int) {
	ch := make(chan int) // want `chan ch cap=0 senders=1 receives=1 other=true closed=false`
	go func() {          // want `sends on ch`
		defer close(ch) // a defer of the channel
		for _, x := range items {
			ch <- x
		}
	}()
	for range ch { // want `receives from ch`
	}
}

func drained() {
	ch := make(chan int)    // want `other=true`
	go func() { ch <- 1 }() // want `sends on ch`
	defer func() { <-ch }()
}

func captured() {
	ch := make(chan int)    // want `other=true`
	go func() { ch <- 1 }() // want `sends on ch`
	f := func() int { return len(ch) }
	_ = f
}

// Paths that leave without receiving.

func earlyReturn() error {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=1 once=true guarded=false repeats=false loop=none; abandons at return; fix make\(chan int, 1\)`
		ch <- 1
	}()
	if _, err := work(); err != nil {
		return err
	}
	<-ch // want `receives from ch`
	return nil
}

func timeout() (int, error) {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `abandons at return via the select's case <-time.After\(time.Second\)`
		ch <- 1
	}()
	select {
	case v := <-ch: // want `receives from ch: range=false select=true`
		return v, nil
	case <-time.After(time.Second):
		return 0, errors.New("timeout")
	}
}

func polled() int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `abandons at return via the select's default`
		ch <- 1
	}()
	select {
	case v := <-ch: // want `receives from ch: range=false select=true`
		return v
	default:
	}
	return 0
}

func panics(c bool) int {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `abandons at panic\("no"\)`
		ch <- 1
	}()
	if c {
		panic("no")
	}
	return <-ch // want `receives from ch`
}

func fallsOff(c bool) {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `abandons at end`
		ch <- 1
	}()
	if c {
		<-ch // want `receives from ch`
	}
}

func rangeClosed(items []int) {
	ch := make(chan int) // want `chan ch`
	go func() {          // want `sends on ch: sends=1 once=false guarded=false repeats=true loop=none; always receives`
		defer close(ch)
		for _, x := range items {
			ch <- x
		}
	}()
	for x := range ch { // want `receives from ch: range=true`
		if x < 0 {
			break
		}
	}
}

// A range over a channel the goroutine closes after all its sends ends
// only once the goroutine is past every send: what follows it abandons
// nothing.

func closedAfterSends(items []int) (int, error) {
	errc := make(chan error) // want `chan errc cap=0 senders=1 receives=1 other=false`
	out := make(chan int)    // want `chan out cap=0 senders=1 receives=1 other=true`
	go func() {              // want `sends on errc: sends=1 once=true guarded=false repeats=false loop=none; always receives` `sends on out: sends=1 once=false guarded=false repeats=true loop=none`
		defer close(out)
		for _, x := range items {
			out <- x
		}
		errc <- nil
	}()
	sum := 0
	for x := range out { // want `receives from out`
		sum += x
	}
	if sum > 10 {
		return sum, nil
	}
	return sum, <-errc // want `receives from errc`
}
