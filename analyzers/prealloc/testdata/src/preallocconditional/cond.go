package preallocconditional

type item struct{ Name string }

func conditional(items []item) []string {
	names := []string{} // want `names may grow by append in a loop of len\(items\) iterations .*make\(\[\]string, 0, len\(items\)\) \(an upper bound: the growth is conditional\)`
	for _, it := range items {
		if it.Name != "" {
			names = append(names, it.Name)
		}
	}
	return names
}

func afterContinue(items []item) map[string]bool {
	seen := map[string]bool{} // want `seen may get a new entry .*\(an upper bound: the growth is conditional\)`
	for _, it := range items {
		if it.Name == "" {
			continue
		}
		seen[it.Name] = true
	}
	return seen
}
