package demo

// buildSliceBad is the article's "Growing slice" example: 1000 appends
// reallocate about 10 times (prealloc).
func buildSliceBad() []int {
	var result []int
	for i := 0; i < 1000; i++ {
		result = append(result, i) // Multiple reallocations
	}
	return result
}

// buildSliceGood is the article's fix; perfvet is silent on it.
func buildSliceGood() []int {
	result := make([]int, 0, 1000)
	for i := 0; i < 1000; i++ {
		result = append(result, i)
	}
	return result
}

type user struct{ ID, Name string }

// indexUsers fills a map whose final size is known (prealloc).
func indexUsers(users []user) map[string]user {
	byID := map[string]user{}
	for _, u := range users {
		byID[u.ID] = u
	}
	return byID
}

var _ = []any{buildSliceBad, buildSliceGood, indexUsers}
