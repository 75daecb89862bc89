package copies

// Record is 520 bytes: bigcopy's range rule (hot-only) applies.
type Record struct {
	Amount int
	Notes  [512]byte
}

func Total(records []Record) int {
	n := 0
	for _, r := range records {
		n += r.Amount
	}
	return n
}
