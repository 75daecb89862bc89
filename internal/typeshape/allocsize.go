package typeshape

import (
	"go/types"
	"slices"
)

// BoxSize is the size of the heap object that boxes a value of type t when
// it is converted to an interface and escapes, as the runtime records it
// in an allocation profile: the value's size rounded up to the
// allocator's size class, or the 16-byte block the tiny allocator packs
// small pointer-free values into. An allocation profile tells a box from
// the other allocations on its line by this size (its frames stop at the
// line: the runtime's own are hidden). It is 0 when no box is made
// (pointer-shaped and zero-size types) or its size is not known here (type
// parameters, interfaces).
func BoxSize(sizes types.Sizes, t types.Type) int64 {
	if PointerShaped(t) || HasTypeParam(t) || types.IsInterface(t) {
		return 0
	}
	return heapSize(sizes.Sizeof(t), hasPointers(t))
}

// MapGroupSize is the size of the heap object that holds the first group
// of a map of type m, its first eight entries: the runtime allocates it
// for a map created without a size hint on its first insertion, and for
// one created with a hint of at most eight when it is made, so presizing
// such a map saves nothing. Its growth beyond eight entries allocates
// tables of two groups or more, and their headers, never this size
// (internal/runtime/maps; the group's layout is cmd/compile's
// MapGroupType).
func MapGroupSize(sizes types.Sizes, m *types.Map) int64 {
	if HasTypeParam(m) {
		return 0
	}
	slot := func(name string, t types.Type, limit int64) *types.Var {
		if sizes.Sizeof(t) > limit {
			t = types.NewPointer(t) // stored indirectly
		}
		return types.NewField(0, nil, name, t, false)
	}
	key, elem := slot("key", m.Key(), mapMaxKeyBytes), slot("elem", m.Elem(), mapMaxElemBytes)
	group := types.NewStruct([]*types.Var{
		types.NewField(0, nil, "ctrl", types.Typ[types.Uint64], false),
		types.NewField(0, nil, "slots", types.NewArray(types.NewStruct([]*types.Var{key, elem}, nil), mapGroupSlots), false),
	}, nil)
	return heapSize(sizes.Sizeof(group), hasPointers(group))
}

// MapEntrySizes are the sizes of the heap objects a map of type m
// allocates per entry, for a key or element over 128 bytes, which it
// stores indirectly: presizing saves none of them.
func MapEntrySizes(sizes types.Sizes, m *types.Map) []int64 {
	if HasTypeParam(m) {
		return nil
	}
	var out []int64
	if k := sizes.Sizeof(m.Key()); k > mapMaxKeyBytes {
		out = append(out, heapSize(k, hasPointers(m.Key())))
	}
	if e := sizes.Sizeof(m.Elem()); e > mapMaxElemBytes {
		if n := heapSize(e, hasPointers(m.Elem())); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// The runtime's constants (internal/abi, internal/runtime/gc).
const (
	mapGroupSlots    = 8
	mapMaxKeyBytes   = 128
	mapMaxElemBytes  = 128
	tinySize         = 16    // pointer-free objects under this share 16-byte blocks
	mallocHeaderSize = 8     // objects with pointers over headerMin carry a header
	headerMin        = 512   // on 64-bit platforms
	maxSmallSize     = 32768 // larger objects get spans of their own
	pageSize         = 8192
)

// sizeClasses are the allocator's size classes (internal/runtime/gc's
// SizeClassToSize, without class 0).
var sizeClasses = []int64{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

// heapSize is the size an allocation profile records for one heap object
// of size bytes (runtime.mallocgc): 0 for none.
func heapSize(size int64, pointers bool) int64 {
	switch {
	case size <= 0:
		return 0
	case size > maxSmallSize-mallocHeaderSize:
		return (size + pageSize - 1) / pageSize * pageSize
	case !pointers && size < tinySize:
		return tinySize
	case pointers && size > headerMin:
		size += mallocHeaderSize
	}
	i, _ := slices.BinarySearch(sizeClasses, size)
	return sizeClasses[i]
}

// hasPointers reports whether a value of t holds a pointer the garbage
// collector must see.
func hasPointers(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&types.IsString != 0 || u.Kind() == types.UnsafePointer
	case *types.Array:
		return u.Len() > 0 && hasPointers(u.Elem())
	case *types.Struct:
		for f := range u.Fields() {
			if hasPointers(f.Type()) {
				return true
			}
		}
		return false
	}
	return true // pointers, slices, maps, channels, functions, interfaces
}
