package gclmod

import (
	"context"
	"errors"
)

type item struct{ Name string }

func concat(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p
	}
	return s
}

func suppressed(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p //nolint:concatloop // parts holds at most three strings here
	}
	return s
}

func names(items []item) []string {
	names := []string{}
	for _, it := range items {
		names = append(names, it.Name)
	}
	return names
}

func conditional(items []item) []string {
	out := []string{}
	for _, it := range items {
		if it.Name != "" {
			out = append(out, it.Name)
		}
	}
	return out
}

func leak(ctx context.Context, fetch func() int) (int, error) {
	ch := make(chan int)
	go func() { ch <- fetch() }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, errors.New("canceled")
	}
}

func workers(items []item, work func(item) int) int {
	ch := make(chan int)
	for _, it := range items {
		go func() { ch <- work(it) }()
	}
	sum := 0
	for range items {
		sum += <-ch
	}
	return sum
}
