package reflectloop

import (
	"reflect"
	"time"
)

type pair struct {
	A, B int
}

func sumByReflection(xs []int) int64 {
	var total int64
	for i := 0; i < len(xs); i++ {
		total += reflect.ValueOf(xs).Index(i).Int() // want `reflect.ValueOf\(xs\).Index in a loop goes through reflection to reach a \[\]int, a type known here`
	}
	return total
}

func lenByReflection(rows [][]string) int {
	n := 0
	for _, row := range rows {
		n += reflect.ValueOf(row).Len() // want `reflect.ValueOf\(row\).Len in a loop goes through reflection to reach a \[\]string`
	}
	return n
}

func fieldByReflection(ps []pair) int64 {
	var total int64
	for _, p := range ps {
		total += reflect.ValueOf(p).Field(1).Int() // want `reflect.ValueOf\(p\).Field in a loop goes through reflection to reach a pair`
	}
	return total
}

func scalarByReflection(xs []float64) float64 {
	var total float64
	for _, x := range xs {
		total += reflect.ValueOf(x).Float() // want `reflect.ValueOf\(x\).Float in a loop`
	}
	return total
}

// Not flagged: a varying field index walks the fields.
func allFields(ps []pair) int64 {
	var total int64
	for _, p := range ps {
		v := reflect.ValueOf(p)
		for i := range v.NumField() {
			total += v.Field(i).Int()
		}
	}
	return total
}

// Not flagged: values of interface type.
func dynamic(xs []any) int {
	n := 0
	for _, x := range xs {
		n += reflect.ValueOf(x).Len()
	}
	return n
}

// Not flagged: Int on a uint would panic; this is not a rewrite of a direct access.
func mismatched(xs []uint) {
	for _, x := range xs {
		_ = reflect.ValueOf(x).Kind()
	}
}

// Not flagged: an unexported field of another package's type cannot be
// selected directly.
func otherPackage(ts []time.Time) {
	for _, t := range ts {
		_ = reflect.ValueOf(t).Field(0)
	}
}
