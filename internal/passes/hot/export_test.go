package hot

// For the tests of loopRules (loopcold_test.go).
var HeatEvidence = heatEvidence

func LoopRuleNames() []string {
	names := make([]string, len(loopRules))
	for i, r := range loopRules {
		names[i] = r.name
	}
	return names
}

// AsideAt is what -hot.min set at min says of a place of share (the
// innermost loop's) in function F that the profile saw.
func AsideAt(min, share float64) string {
	r := &Result{min: min}
	return r.aside(Heat{Profiled: true, Func: "F", Seen: true, InLoop: true, Loop: share})
}

// AsideAlloc is what -hot.min set at min says of an allocation finding
// whose loop has loop of all bytes and whose own lines allocated bytes,
// share of all.
func AsideAlloc(min, loop float64, bytes int64, share float64) string {
	r := &Result{min: min}
	return r.aside(Heat{Profiled: true, Func: "F", Seen: true, InLoop: true, Loop: loop,
		Alloc: &AllocSite{Bytes: bytes, Share: share, LoopBytes: 1000}})
}

// AsideTime is what -hot.min set at min says of a time finding (AtTime)
// whose loop has loop of the CPU and whose own code took value, share of
// all samples.
func AsideTime(min, loop float64, value int64, share float64) string {
	r := &Result{min: min}
	return r.aside(Heat{Profiled: true, Func: "F", Seen: true, InLoop: true, Loop: loop,
		Own: &OwnTime{Value: value, Share: share}})
}

// AsideSampled is AsideAlloc for a profile whose sampler records one
// allocation per perSample bytes.
func AsideSampled(min float64, bytes int64, share, perSample float64) string {
	r := &Result{min: min}
	h := Heat{Profiled: true, Func: "F", Seen: true, InLoop: true, Loop: 40,
		Alloc: &AllocSite{Bytes: bytes, Share: share, LoopBytes: 1000}, PerSample: perSample}
	h.Samples = h.SamplesOf(bytes)
	return r.aside(h)
}
