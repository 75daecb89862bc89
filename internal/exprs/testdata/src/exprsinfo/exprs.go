// Package exprsinfo holds the shapes of internal/exprs' answers, read by
// exprs_test.go's describe analyzer from its marker calls.
package exprsinfo

func pure(any)            {}
func root(any)            {}
func same(a, b any)       {}
func changed(any, func()) {}
func writes(func())       {}
func from(...any) int     { return 1 }
func to()                 {}
func named(any)           {}

type T struct {
	f  int
	p  *T
	xs []int
}

var global int

func call() int { return 0 }

func purity(x, i, j int, s []int, m map[string]int, t T, p *T, ch chan int, k string) {
	pure(x)               // want `pure: true`
	pure(x + i*2)         // want `pure: true`
	pure(-x)              // want `pure: true`
	pure(s[i:j])          // want `pure: true`
	pure(m[k])            // want `pure: true`
	pure(t.f)             // want `pure: true`
	pure(p.p.f)           // want `pure: true`
	pure(*p)              // want `pure: true`
	pure(len(s) + cap(s)) // want `pure: true`
	pure(int64(x))        // want `pure: true`
	pure("a")             // want `pure: true`
	pure(global)          // want `pure: true`
	pure(call())          // want `pure: false`
	pure(x + call())      // want `pure: false`
	pure(<-ch)            // want `pure: false`
	pure(append(s, 1))    // want `pure: false`
	pure(T{f: 1})         // want `pure: false`
	pure(func() {})       // want `pure: false`
	pure(s[call()])       // want `pure: false`
}

func roots(x int, s [][]int, t T, p *T, ps []*T) {
	root(x)        // want `root: x`
	root(t.f)      // want `root: t`
	root(p.p.f)    // want `root: p`
	root(s[0][1])  // want `root: s`
	root(*p)       // want `root: p`
	root(ps[0].xs) // want `root: ps`
	root((t).f)    // want `root: t`
	root(global)   // want `root: global`
	root(call())   // want `root: none`
	root(x + 1)    // want `root: none`
	root(T{}.f)    // want `root: none`
}

func sameness(a, b []int, i, j int, t T) {
	same(a[i], a[i])   // want `same: true`
	same(a[i], (a[i])) // want `same: true`
	same(t.f, t.f)     // want `same: true`
	same(a[i], a[j])   // want `same: false`
	same(a[i], b[i])   // want `same: false`
	same(t.f, t.xs)    // want `same: false`
}

func changes(x, y int, s []int, t T) {
	changed(x, func() { x = 1 })    // want `changed: true`
	changed(x, func() { x++ })      // want `changed: true`
	changed(x, func() { _ = &x })   // want `changed: true`
	changed(x+y, func() { y += 2 }) // want `changed: true`
	// Any write rooted in s counts, an element's too.
	changed(len(s), func() { s[0] = 1 }) // want `changed: true`
	changed(t.f, func() { t.xs = nil })  // want `changed: true`
	changed(x, func() {                  // want `changed: true`
		for x = range 3 {
		}
	})
	changed(x, func() { y = x })         // want `changed: false`
	changed(x, func() { x := 2; _ = x }) // want `changed: false`
	changed(s[0], func() { _ = len(s) }) // want `changed: false`
}

func targets(x int, s []int, m map[int]int, t T) {
	writes(func() { x, s[0] = 1, 2 }) // want `writes: x s\[0\]`
	writes(func() { t.f++ })          // want `writes: t.f`
	writes(func() { _ = &t.xs })      // want `writes: _ t.xs`
	writes(func() {                   // want `writes: k v _ _`
		for k, v := range m {
			_, _ = k, v
		}
	})
	writes(func() { // want `writes: nil nil`
		for range m {
		}
	})
	writes(func() { _ = x + len(s) }) // want `writes: _`
}

func values(n, k int, s []int, t T, p *T) {
	from(n, len(s))
	to() // want `same value: true`

	from(n)
	n++
	to() // want `same value: false`

	from(n + k)
	if n > 0 {
		k = 2
	}
	to() // want `same value: false`

	from(t.f)
	to() // want `same value: false`

	from(*p)
	to() // want `same value: false`

	from(global)
	to() // want `same value: false`

	from(call())
	to() // want `same value: false`

	from(len(s))
	s[0] = 1 // any write rooted in s counts, an element's too
	to()     // want `same value: false`

	from(n)
	to() // want `same value: true`
	n = 3

	from(k)
	_ = &k
	to() // want `same value: false`
}

func inStatement(k int) {
	if v := 2; from(v) > 0 { // v is declared by the statement itself
	}
	to() // want `same value: false`

	if k = 3; from(k) > 0 { // a write within the statement comes before
	}
	to() // want `same value: true`

	for k = range from(k) { // so do the range's own writes
	}
	to() // want `same value: true`

	{
		w := 1
		from(w)
		to() // want `same value: true`
	}
}

func results(a int) (r int, err error) {
	named(r)   // want `named result: true`
	named(err) // want `named result: true`
	named(a)   // want `named result: false`
	f := func() (x int) {
		named(x) // want `named result: true`
		named(r) // want `named result: false`
		return
	}
	_ = f
	return
}
