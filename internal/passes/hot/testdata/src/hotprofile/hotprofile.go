// Package hotprofile is matched against a synthetic CPU profile (built in
// internal/hot's tests) whose line numbers are 100 more than here: the
// profile was taken before 100 lines were added above every function.
package hotprofile

func Hot(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `s \+= p in a loop .*; hot: 50\.0% of CPU in Hot, 40\.0% in this loop$`
	}
	return s
}

func Cold(parts []string) string {
	s := ""
	for _, p := range parts {
		s += p // want `; cold: Cold never ran in the CPU profile$`
	}
	return s
}

type T struct{}

func (*T) M(parts []string) func() string {
	return func() string {
		s := ""
		for _, p := range parts {
			s += p // want `; hot: 10\.0% of CPU in \(\*T\)\.M\.func1, 10\.0% in this loop$`
		}
		return s
	}
}

func Generic[E ~string](parts []E) string {
	s := ""
	for _, p := range parts {
		s += string(p) // want `; hot: 5\.0% of CPU in Generic\[\.\.\.\], 5\.0% in this loop$`
	}
	return s
}
