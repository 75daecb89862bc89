// Package broken does not type-check: the server reports the error, once.
package broken

func Broken() int {
	return "not an int"
}
