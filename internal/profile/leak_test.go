package profile_test

import (
	"testing"

	"github.com/google/pprof/profile"

	perfprofile "github.com/perfvet/perfvet/internal/profile"
	"github.com/perfvet/perfvet/internal/testkit/proftest"
)

// runtimeProfile writes a profile of the given sample types whose samples
// have stacks of (function, file, line), leaf first.
func runtimeProfile(t *testing.T, types []string, samples [][]any) string {
	t.Helper()
	p := &profile.Profile{PeriodType: &profile.ValueType{Type: types[0], Unit: "count"}}
	for _, typ := range types {
		p.SampleType = append(p.SampleType, &profile.ValueType{Type: typ, Unit: "count"})
	}
	funcs := make(map[string]*profile.Function)
	for _, s := range samples {
		values := s[0].([]int64)
		sample := &profile.Sample{Value: values}
		for _, fr := range s[1].([][3]any) {
			name, file, line := fr[0].(string), fr[1].(string), fr[2].(int)
			fn := funcs[name]
			if fn == nil {
				fn = &profile.Function{ID: uint64(len(funcs) + 1), Name: name, Filename: file}
				funcs[name] = fn
				p.Function = append(p.Function, fn)
			}
			loc := &profile.Location{ID: uint64(len(p.Location) + 1), Line: []profile.Line{{Function: fn, Line: int64(line)}}}
			p.Location = append(p.Location, loc)
			sample.Location = append(sample.Location, loc)
		}
		p.Sample = append(p.Sample, sample)
	}
	return proftest.Write(t, p)
}

func TestLeakProfile(t *testing.T) {
	path := runtimeProfile(t, []string{"goroutineleak"}, [][]any{
		{[]int64{10}, [][3]any{{"runtime.gopark", "/go/src/runtime/proc.go", 462}, {"runtime.chansend1", "/go/src/runtime/chan.go", 161}, {"main.first.func1", "/src/leak/main.go", 20}}},
		{[]int64{10}, [][3]any{{"runtime.gopark", "/go/src/runtime/proc.go", 462}, {"main.first.func1", "/src/leak/main.go", 23}}},
		{[]int64{7}, [][3]any{{"runtime.gopark", "/go/src/runtime/proc.go", 462}, {"main.wait", "/src/leak/main.go", 40}, {"main.watch.func1", "/src/leak/main.go", 33}}},
	})
	set, err := perfprofile.LoadFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Of(perfprofile.Leak)
	if p == nil || set.Of(perfprofile.CPU) != nil {
		t.Fatalf("want a goroutine leak profile only, got %+v", set)
	}
	if n := p.Started("main.go", 18, 25); n != 20 {
		t.Errorf("Started(main.go, 18, 25) = %d, want 20 (first.func1's two sites)", n)
	}
	if n := p.Started("main.go", 39, 41); n != 0 {
		t.Errorf("Started over wait's lines = %d, want 0: wait is not where the goroutines started", n)
	}
	sites := p.LeakSites()
	if len(sites) != 3 {
		t.Fatalf("LeakSites = %+v, want 3", sites)
	}
	last := sites[2]
	if last.Func != "main.watch.func1" || last.Line != 40 || last.Count != 7 || last.EntryLine != 33 {
		t.Errorf("watch's site = %+v, want blocked in wait (line 40), started in main.watch.func1 (line 33)", last)
	}
}

func TestContentionProfile(t *testing.T) {
	path := runtimeProfile(t, []string{"contentions", "delay"}, [][]any{
		{[]int64{5, 73000000}, [][3]any{{"sync.(*Mutex).Unlock", "/go/src/sync/mutex.go", 65}, {"main.(*stats).hit", "/src/contend/main.go", 20}, {"main.main.func1", "/src/contend/main.go", 30}}},
	})
	set, err := perfprofile.LoadFiles([]string{path})
	if err != nil {
		t.Fatal(err)
	}
	p := set.Of(perfprofile.Contention)
	if p == nil {
		t.Fatal("want a contention profile")
	}
	a := p.Within("contend/main.go", 18, 21)
	if a.Objects != 5 || a.Value != 73000000 {
		t.Errorf("Within the critical section = %+v, want 5 contentions, 73ms", a)
	}
	if got, want := a.ContentionNote(), "; measured: 5 contentions, 73ms waited on this lock (mutex or block profile)"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	if a := p.Within("contend/main.go", 1, 10); a.Objects != 0 {
		t.Errorf("Within lines with no lock = %+v, want nothing", a)
	}
}
