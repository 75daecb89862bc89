// Package typeshape answers questions about types that decide what code
// costs: whether a type is stored in an interface word directly, and whether
// it depends on a type parameter (so its shape is not known until
// instantiation).
package typeshape

import "go/types"

// HasTypeParam reports whether t mentions a type parameter.
func HasTypeParam(t types.Type) bool {
	seen := make(map[types.Type]bool)
	var visit func(types.Type) bool
	visit = func(t types.Type) bool {
		if t == nil || seen[t] {
			return false
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.TypeParam:
			return true
		case *types.Named:
			for a := range t.TypeArgs().Types() {
				if visit(a) {
					return true
				}
			}
		case *types.Alias:
			return visit(types.Unalias(t))
		case *types.Pointer:
			return visit(t.Elem())
		case *types.Slice:
			return visit(t.Elem())
		case *types.Array:
			return visit(t.Elem())
		case *types.Map:
			return visit(t.Key()) || visit(t.Elem())
		case *types.Chan:
			return visit(t.Elem())
		case *types.Struct:
			for f := range t.Fields() {
				if visit(f.Type()) {
					return true
				}
			}
		case *types.Signature:
			for v := range t.Params().Variables() {
				if visit(v.Type()) {
					return true
				}
			}
			for v := range t.Results().Variables() {
				if visit(v.Type()) {
					return true
				}
			}
		}
		return false
	}
	return visit(t)
}

// PointerShaped reports whether the compiler stores a value of t in an
// interface's data word itself, so converting it to an interface never
// allocates: pointers, maps, channels, functions, unsafe.Pointer, and
// one-field structs and one-element arrays of those (types.IsDirectIface in
// the compiler).
func PointerShaped(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Map, *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Array:
		return u.Len() == 1 && PointerShaped(u.Elem())
	case *types.Struct:
		return u.NumFields() == 1 && PointerShaped(u.Field(0).Type())
	}
	return false
}
