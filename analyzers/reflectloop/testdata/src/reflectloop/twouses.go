package reflectloop

import "reflect"

type id struct{ A, B uint32 }

func matches(ids []id, a, b id) (int, int) {
	na, nb := 0, 0
	for _, x := range ids {
		if reflect.DeepEqual(x, a) { // want `reflect.DeepEqual on id in a loop .*; no automatic fix: the rewrites would leave the reflect import unused, so apply them together by hand`
			na++
		}
		if reflect.DeepEqual(x, b) { // want `reflect.DeepEqual on id in a loop .*apply them together by hand`
			nb++
		}
	}
	return na, nb
}
