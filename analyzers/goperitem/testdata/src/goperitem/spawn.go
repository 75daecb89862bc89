package goperitem

import (
	"bufio"
	"sync"

	"golang.org/x/sync/errgroup"
)

type Item struct{ ID int }

type Server struct {
	items []Item
	queue chan Item
}

func handle(Item) {}

// Flagged: one goroutine per item of input the function does not bound.

func processAll(items []Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() { // want `go statement starts a goroutine for every item of items, a slice from the caller, and nothing bounds how many run at once`
			defer wg.Done()
			handle(it)
		}()
	}
	wg.Wait()
}

func (s *Server) fanOut() {
	for i := 0; i < len(s.items); i++ {
		go handle(s.items[i]) // want `go statement starts a goroutine for every item of s.items, of a length from the caller`
	}
}

func (s *Server) drain() {
	for it := range s.queue {
		go handle(it) // want `go statement starts a goroutine for every item of s.queue, a channel`
	}
}

func byKey(m map[string]Item) error {
	var g errgroup.Group
	for _, it := range m {
		g.Go(func() error { handle(it); return nil }) // want `errgroup's Go starts a goroutine for every item of m, a map from the caller`
	}
	return g.Wait()
}

func lines(sc *bufio.Scanner) {
	for sc.Scan() {
		line := sc.Text()
		go func() { _ = line }() // want `go statement starts a goroutine for every item of sc, read one by one`
	}
}

func fromCall() {
	for _, it := range load() {
		go handle(it) // want `load\(\), a slice from a call`
	}
}

func literal(items []Item) {
	spawn := func() {
		for _, it := range items {
			go handle(it) // want `go statement starts a goroutine for every item of items, a slice from the caller`
		}
	}
	spawn()
}

// Not flagged: bounded, a worker pool, or cold.

func limited(items []Item) error {
	var g errgroup.Group
	g.SetLimit(8)
	for _, it := range items {
		g.Go(func() error { handle(it); return nil })
	}
	return g.Wait()
}

func semaphore(items []Item) {
	sem := make(chan struct{}, 8)
	for _, it := range items {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			handle(it)
		}()
	}
}

func batches(items []Item) {
	var wg sync.WaitGroup
	for i, it := range items {
		wg.Add(1)
		go func() { defer wg.Done(); handle(it) }()
		if i%100 == 99 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func workers(n int, items chan Item) {
	for range n {
		go func() {
			for it := range items {
				handle(it)
			}
		}()
	}
}

func notPerItem(items []Item, done chan bool) {
	for range items {
		go func() { done <- true }()
	}
}

func fixed() {
	for _, it := range []Item{{1}, {2}, {3}} {
		go handle(it)
	}
}

func local(n int) {
	items := make([]Item, n)
	for _, it := range items {
		go handle(it)
	}
}

func coldProcessAll(items []Item) {
	for _, it := range items {
		go handle(it)
	}
}

func load() []Item { return nil }
