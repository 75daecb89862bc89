package reflectloop

import (
	"reflect"
	"strings"
)

type key struct {
	Name string
	N    int
}

func indexOf(keys []key, k key) int {
	for i, each := range keys {
		if reflect.DeepEqual(each, k) { // want `reflect.DeepEqual on key in a loop`
			return i
		}
	}
	return strings.Count("", "")
}
