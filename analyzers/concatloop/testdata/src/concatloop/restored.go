package concatloop

// A string extended for one step of an iteration and set back to a value
// saved before it (an indentation for one nested value) does not grow
// across the loop's iterations; one restored only sometimes, or after a
// continue can skip the restore, does.

type node struct {
	name string
	kids []node
}

type printer struct {
	indent string
	out    []string
}

func (p *printer) line(s string) { p.out = append(p.out, p.indent+s) }

// Saved in the iteration, extended in a switch, restored at its end: a
// named function's range loop.
func writeYAML(values []any, indent string, emit func(any, string)) {
	for _, v := range values {
		prev := indent
		switch v.(type) {
		case []any, map[string]any:
			indent = indent + "  "
		}
		emit(v, indent)
		indent = prev
	}
}

// A field, saved before an index loop that never assigns the copy.
func (p *printer) kids(n node) {
	base := p.indent
	for i := 0; i < len(n.kids); i++ {
		p.indent += "\t"
		p.line(n.kids[i].name)
		p.indent = base
	}
}

// A function literal's loop, prepending.
var labelAll = func(names []string, emit func(string)) {
	label := "item"
	for _, name := range names {
		saved := label
		label = name + ": " + label
		emit(label)
		label = saved
	}
}

// Restored only when the value is a map: the other iterations keep what
// they added.
func restoredSometimes(values []any, indent string, emit func(any, string)) {
	for _, v := range values {
		prev := indent
		indent += "  " // want `indent \+= "  " in a loop copies indent on every iteration`
		emit(v, indent)
		if _, ok := v.(map[string]any); ok {
			indent = prev
		}
	}
}

// A continue skips the restore.
func restoreSkipped(values []any, indent string, emit func(any, string)) {
	for _, v := range values {
		prev := indent
		indent += "  " // want `indent \+= "  " in a loop copies indent on every iteration`
		if v == nil {
			continue
		}
		emit(v, indent)
		indent = prev
	}
}

// The saved copy is overwritten with the grown string before the
// restore.
func savedAgain(values []any, indent string, emit func(any, string)) {
	for _, v := range values {
		prev := indent
		indent += "  " // want `indent \+= "  " in a loop copies indent on every iteration`
		prev = indent
		emit(v, indent)
		indent = prev
	}
}
