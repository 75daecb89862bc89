package bigcopy

type Record struct {
	ID     int
	Amount int
	Notes  [480]byte
	Tags   [3]string
}

type Small struct {
	ID, Amount int
}

type Ledger struct {
	records []Record
	fixed   [8]Record
}

var all []Record

// Flagged with a fix: the body only reads the copy.

func total(records []Record) int {
	n := 0
	for _, r := range records { // want `range copies each element of records \(Record, 544 bytes\) into r on every iteration of a hot loop`
		n += r.Amount
	}
	return n
}

func (l *Ledger) sum() int {
	n := 0
	for i, r := range l.records { // want `range copies each element of l.records \(Record, 544 bytes\) into r`
		n += r.Amount * i
		use(r)
	}
	return n
}

func (l *Ledger) sumFixed() int {
	n := 0
	for _, r := range l.fixed { // want `range copies each element of l.fixed \(Record, 544 bytes\) into r`
		n += r.ID
	}
	return n
}

func literal() int {
	count := func() int {
		n := 0
		for _, r := range all { // want `range copies each element of all \(Record, 544 bytes\) into r`
			if r.Tags[0] == "x" {
				n++
			}
		}
		return n
	}
	return count()
}

// Flagged without a fix: pointing at the element would change behaviour.

func clear(records []Record) int {
	n := 0
	for _, r := range records { // want `range copies each element of records.*no automatic fix: the body changes r.Amount, a copy`
		r.Amount = 0
		n += r.ID
	}
	return n
}

func keep(records []Record) []*Record {
	var out []*Record
	for _, r := range records { // want `no automatic fix: the body takes the address of r`
		out = append(out, &r)
	}
	return out
}

func later(records []Record) []func() int {
	var out []func() int
	for _, r := range records { // want `no automatic fix: a function literal captures r`
		out = append(out, func() int { return r.ID })
	}
	return out
}

func grow(records []Record) int {
	n := 0
	for i, r := range records { // want `no automatic fix: the body may change records`
		records[len(records)-1-i].Amount = r.Amount
		n += r.ID
	}
	return n
}

func (l *Ledger) reset() {
	for _, r := range l.records { // want `no automatic fix: l.drop may change l.records`
		l.drop(r.ID)
	}
}

func fromCall() int {
	n := 0
	for _, r := range load() { // want `no automatic fix: load\(\) is evaluated once by range`
		n += r.ID
	}
	return n
}

func assigned(records []Record) Record {
	var r Record
	for _, r = range records { // want `no automatic fix: r is declared outside the loop`
		if r.ID == 0 {
			break
		}
	}
	return r
}

// Not flagged: small elements, pointers, indexes, cold code.

func small(xs []Small) int {
	n := 0
	for _, s := range xs {
		n += s.Amount
	}
	return n
}

func pointers(xs []*Record) int {
	n := 0
	for _, r := range xs {
		n += r.Amount
	}
	return n
}

func byIndex(records []Record) int {
	n := 0
	for i := range records {
		n += records[i].Amount
	}
	return n
}

func keysOnly(records []Record) int {
	n := 0
	for i, _ := range records {
		n += i
	}
	return n
}

func twice(records [2]Record) int {
	n := 0
	for _, r := range [2]Record{} {
		n += r.ID
	}
	return n + len(records)
}

func coldTotal(records []Record) int {
	n := 0
	for _, r := range records {
		n += r.Amount
	}
	return n
}

func (l *Ledger) drop(id int) { l.records = l.records[:id] }

func load() []Record { return all }

func use(Record) {}
