// Package tripcount holds the shapes of loops' trip counts: what a loop's
// Count says, whether it is exact, and the constant when there is one.
package tripcount

type ring struct{ size int }

func grow(*int) {}

func bounds(lo, hi, n int) {
	for i := lo; i < hi; i++ { // want `counted loop count="hi-lo" exact=true`
	}
	for i := hi; i > lo; i-- { // want `counted loop count="hi-lo" exact=true`
	}
	for i := hi; i >= lo; i -= 1 { // want `counted loop count="hi-lo\+1" exact=true`
	}
	for i := 0; n > i; i++ { // want `counted loop count="n" exact=true`
	}
	for i := 0; i != n; i++ { // want `counted loop count="n" exact=true`
	}
	for i := 0; i <= n-1; i++ { // want `counted loop count="n" exact=true`
	}
	for i := 1; i <= n-1; i++ { // want `counted loop count="n-1" exact=true`
	}
	for i := lo + 1; i < n; i++ { // want `counted loop count="n-\(lo \+ 1\)" exact=true`
	}
	var i int
	for i = 0; i < n; i++ { // want `counted loop count="n" exact=true`
	}
}

func constants() {
	for i := 0; i < 3; i++ { // want `counted loop count="3" exact=true const=3`
	}
	for i := 2; i <= 9; i++ { // want `counted loop count="9-2\+1" exact=true const=8`
	}
	for range map[string]int{"a": 1, "b": 2} { // want `range over map count=".*" exact=true const=2`
	}
	for range []int{0: 1, 5: 2} { // want `range over slice count=".*" exact=true$`
	}
	for range "ab" { // want `range over string count="len\(\\"ab\\"\)" exact=false const=2`
	}
}

func varying(n int, r *ring, f float64, s []int) {
	for i := 0; i < n; i++ { // want `conditional loop count="" exact=false`
		grow(&n) // the bound's address is taken
	}
	for i := 0; i < r.size; i++ { // want `counted loop count="r.size" exact=true`
	}
	for i := 0; i < r.size; i++ { // want `conditional loop count="" exact=false`
		grow(nil) // a call may change the field through an alias
	}
	for x := 0.0; x < f; x++ { // want `conditional loop count="" exact=false`
	}
	for i := 0; i < n; i *= 2 { // want `conditional loop count="" exact=false`
	}
	for i := 0; i > n; i++ { // want `conditional loop count="" exact=false`
	}
	for i := 0; i < len(s); i++ { // want `counted loop count="len\(s\)" exact=true`
		s[i] = 0 // an element write leaves len(s) alone
	}
	for i := 0; i < n; { // want `conditional loop count="" exact=false`
		i++
	}
}
