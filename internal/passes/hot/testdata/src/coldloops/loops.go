package coldloops

import "iter"

func mark() {}

func kinds(s []int, a [8]int, p *[3]int, str string, m map[int]int, n int, ch chan int, seq iter.Seq[int]) {
	for range s { // want `range over slice count="len\(s\)"`
	}
	for range a { // want `range over array count="len\(a\)" const=8`
	}
	for range p { // want `range over array count="len\(p\)" const=3 cold: runs at most 3 times`
	}
	for range str { // want `range over string count="len\(str\)"`
	}
	for range "héllo" { // want `range over string count="len\(\\"héllo\\"\)" const=5`
	}
	for range m { // want `range over map count="len\(m\)"`
	}
	for range n { // want `range over int count="n"`
	}
	for range 2 { // want `range over int count="2" const=2 cold: runs at most 2 times`
	}
	for range ch { // want `range over channel count=""`
	}
	for range seq { // want `range over iterator count=""`
	}
	for range []int{1, 2, 3, 4, 5} { // want `range over slice count=".*" const=5`
	}
	for { // want `infinite loop count=""`
		break
	}
	for n > 0 { // want `conditional loop count=""`
		n--
	}
}

// rule: constant. A constant count of at most 4 is cold; 5 and unknown
// counts are not.
func counted(n, lo int, s []int) {
	for i := 0; i < n; i++ { // want `counted loop count="n"`
	}
	for i := lo; i <= n; i++ { // want `counted loop count="n-lo\+1"`
	}
	for i := n; i > 0; i-- { // want `counted loop count="n"`
	}
	for i := len(s) - 1; i >= 0; i-- { // want `counted loop count="len\(s\)"`
	}
	for i := 0; i < 10; i += 1 { // want `counted loop count="10" const=10`
	}
	for i := 0; i < 4; i++ { // want `counted loop count="4" const=4 cold: runs at most 4 times`
	}
	for i := 0; i < n; i += 2 { // want `conditional loop count=""`
	}
	for i := 0; i < n; i++ { // want `conditional loop count=""`
		n-- // the bound changes
	}
	for i := 0; i < len(s); i++ { // want `conditional loop count=""`
		s = append(s, i) // so does len(s)
	}
	for i := 0; i < n; i++ { // want `conditional loop count=""`
		i++ // the index changes in the body
	}
}

// rule: once. Loops in init and in package-level initialisers run once.
func init() {
	for range 100 { // want `range over int count="100" const=100 cold: runs once, in init`
		mark()
	}
}

var table = func() int {
	for range 100 { // want `cold: runs once, in a package-level initialiser`
	}
	return 0
}()

var later = func() {
	for range 100 { // want `range over int count="100" const=100$`
	}
}
