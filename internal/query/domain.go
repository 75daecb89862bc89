package query

import "go/types"

// maxDomain is the largest key domain KeyDomain counts.
const maxDomain = 64

// KeyDomain returns how many distinct values a key type has when that is
// small and known: 2 for bool, the number of declared constants for a
// defined integer or string type whose package declares some (an
// enumeration such as a log level; judged by its constants). 0 when unknown
// or larger than 64.
func KeyDomain(t types.Type) (int, string) {
	if b, ok := t.Underlying().(*types.Basic); ok && b.Kind() == types.Bool {
		return 2, t.String()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok || named.Obj().Pkg() == nil {
		return 0, ""
	}
	b, ok := named.Underlying().(*types.Basic)
	if !ok || b.Info()&(types.IsInteger|types.IsString) == 0 {
		return 0, ""
	}
	values := make(map[string]bool)
	scope := named.Obj().Pkg().Scope()
	for _, name := range scope.Names() {
		if k, ok := scope.Lookup(name).(*types.Const); ok && types.Identical(k.Type(), t) {
			values[k.Val().ExactString()] = true
			if len(values) > maxDomain {
				return 0, ""
			}
		}
	}
	if len(values) == 0 {
		return 0, ""
	}
	return len(values), named.Obj().Name()
}
