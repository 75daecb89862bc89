package coldloops

// rule: smallkeys. A map keyed by a bool or an enumeration of at most 16
// constants holds at most that many entries: cold evidence for a finding's
// heat, but the loop is not cold to the analyzers.

type Level int

const (
	Debug Level = iota
	Info
	Warn
)

func overSmallKeys(byLevel map[Level]string, flags map[bool]int, byName map[string]int) {
	for range byLevel { // want `range over map count="len\(byLevel\)" heat only: in a loop over a map keyed by Level, which has 3 values`
	}
	for range flags { // want `range over map count="len\(flags\)" heat only: in a loop over a map keyed by bool, which has 2 values`
	}
	for range byName { // want `range over map count="len\(byName\)"$`
	}
}
