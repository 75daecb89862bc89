package bigcopy

// score is too large to inline: each call copies its Record.
func score(r Record) int {
	n := 0
	for i := range r.Notes {
		if r.Notes[i] == ' ' {
			n++
		}
		if r.Notes[i] == '\n' {
			n += 2
		}
	}
	for _, t := range r.Tags {
		if t == "" {
			n--
		}
	}
	if r.ID > 10 && r.Amount > 10 && r.ID < 1000 && r.Amount < 1000 {
		n *= 3
	}
	if r.ID < 0 || r.Amount < 0 {
		n = -n
	}
	return n
}

// build returns a Record by value: each call copies it out.
func build(id int) (out Record) {
	out.ID = id
	for i := range out.Notes {
		out.Notes[i] = byte(i)
		if i%7 == 0 {
			out.Notes[i] = ' '
		}
		if i%11 == 0 {
			out.Notes[i] = '\n'
		}
	}
	out.Tags[0], out.Tags[1], out.Tags[2] = "a", "b", "c"
	if id > 100 && id < 1000 && id%3 == 0 && id%5 == 0 {
		out.Amount = id * 3
	}
	return out
}

// Rank is a method with a large value receiver.
func (r Record) Rank(w int) int {
	n := w
	for i := range r.Notes {
		if r.Notes[i] == 'x' {
			n++
		}
		if r.Notes[i] == 'y' {
			n += 2
		}
	}
	if r.ID > 10 && r.Amount > 10 && r.ID < 1000 && r.Amount < 1000 {
		n *= 3
	}
	if r.ID < 0 || r.Amount < 0 {
		n = -n
	}
	return n
}

// tiny is small enough to inline.
func tiny(r Record) int { return r.ID }

func scoreAll(ptrs []*Record) int {
	n := 0
	for _, p := range ptrs {
		n += score(*p) // want `each call of score in a hot loop of scoreAll copies its parameter r \(Record, 544 bytes\): 544 bytes per call; take a pointer`
		n += tiny(*p)
		n += p.Rank(1) // want `each call of Rank in a hot loop of scoreAll copies its receiver r \(Record, 544 bytes\).*in other packages too`
	}
	return n
}

func buildAll(n int) int {
	total := 0
	for i := range n {
		total += build(i).Amount // want `each call of build in a hot loop of buildAll copies its result out \(Record, 544 bytes\)`
	}
	return total
}

func once(p *Record) int {
	return score(*p) // not in a loop
}

func coldScoreAll(ptrs []*Record) int {
	n := 0
	for _, p := range ptrs {
		n += score(*p)
	}
	return n
}
