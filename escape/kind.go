package escape

// A Kind is the template a line of compiler output matched.
type Kind uint8

// The kinds, grouped by the compiler phase that prints them. The comment of
// each gives its template after the position prefix (go1.26).
const (
	// Unknown is a line that matched no template. It is kept, counted in
	// [Stats.Unknown] and reported, never dropped: a new Go release that
	// rewords a message shows up at once.
	Unknown Kind = iota

	// PackageHeader: "# import/path" (go build's chunk header); Subject is
	// the import path as printed, e.g. "p [p.test]".
	PackageHeader
	// GoCommand: "go: ..." lines of the go command itself.
	GoCommand
	// IRDump: an unprefixed IR dump line (".   CALLFUNC ...") that only
	// -m=3 and above print. Output with these is not machine-readable.
	IRDump

	// MovedToHeap: "moved to heap: NAME". A named variable is allocated on
	// the heap.
	MovedToHeap
	// EscapesToHeap: "EXPR escapes to heap" (and "append escapes to heap").
	// EXPR is allocated on the heap, except for constants and zero-sized
	// values the compiler serves from static data (see [IsStatic]).
	EscapesToHeap
	// DoesNotEscape: "EXPR does not escape", also for parameters.
	DoesNotEscape
	// LeakingParam: "leaking param: P" (P leaks to the heap).
	LeakingParam
	// LeakingParamContent: "leaking param content: P".
	LeakingParamContent
	// LeakingParamToResult: "leaking param: P to result R level=N".
	LeakingParamToResult
	// MutatesParam and CallsParam: "mutates param: P derefs=N",
	// "calls param: P derefs=N" (-d=escapemutationscalls=1); also
	// "P does not escape, mutate, or call".
	MutatesParam
	CallsParam
	// Capturing: "F capturing by ref|value: X (addr=B assign=B width=N)"
	// (-m=2); Detail is "ref" or "value".
	Capturing
	// SelfAssignment: "F ignoring self-assignment in STMT".
	SelfAssignment
	// ZeroCopy: "zero-copy string->[]byte conversion".
	ZeroCopy
	// UnsafeUintptr: "assuming P is unsafe uintptr".
	UnsafeUintptr
	// EscapingUintptr: "marking P as escaping uintptr" or "...uintptr".
	EscapingUintptr
	// ClosureGlobal: "closure converted to global" (-d=closure=1): the
	// closure captures nothing and is not allocated.
	ClosureGlobal
	// ConvertDebug: "convert: WHAT: EXPR" (-d=escapedebug=1), e.g. "using
	// global for interface value".
	ConvertDebug
	// LoopVar: "loop variable X now per-iteration, heap-allocated" or
	// "stack-allocated" (-d=loopvar=2); Detail is "heap" or "stack".
	LoopVar

	// CanInline: "can inline F" (-m), "can inline F with cost N as: ..." (-m=2).
	CanInline
	// CannotInline: "cannot inline F: REASON" (-m=2). Cost and Budget are
	// set for "function too complex: cost N exceeds budget M".
	CannotInline
	// CannotInlineCall: "cannot inline F into G: REASON", a refusal at one
	// call site (and the -json code cannotInlineCall).
	CannotInlineCall
	// BigFunction: "function F considered 'big'; reducing max cost of inlinees".
	BigFunction
	// InliningCall: "inlining call to F" (optionally "with score N").
	InliningCall
	// Devirtualizing: "devirtualizing X to T" and "partially devirtualizing
	// X to T" (PGO; Detail starts with "partially").
	Devirtualizing
	// CannotDevirtualize: "cannot devirtualize X: shaped receiver|interface T".
	CannotDevirtualize
	// ImpreciseCall: "imprecise interface call", a method of a type
	// parameter's interface bound called through a function value.
	ImpreciseCall

	// BoundsCheck: "Found IsInBounds" / "Found IsSliceInBounds"
	// (-d=ssa/check_bce/debug=1, and the -json codes): a bounds check
	// left in the code.
	BoundsCheck
	// BoundsCheckElided: "index bounds check elided".
	BoundsCheckElided
	// NilCheck: "removed nil check" / "generated nil check" (-d=nil=1,
	// and the -json code nilcheck); Detail is "removed" or "generated".
	NilCheck
	// LargeCopy: the -json code copy, "N bytes".
	LargeCopy

	// EscapeHeader: "EXPR escapes to heap in F:" (-m=2), the head of an
	// explanation of a MovedToHeap or EscapesToHeap line.
	EscapeHeader
	// LeakHeader: "parameter P leaks to DST for F with derefs=N:" (-m=2),
	// the head of an explanation of a leaking-param line.
	LeakHeader
	// Flow: "  flow: DST ← OPS SRC:" inside an explanation.
	Flow
	// From: "    from EXPR (WHY) at POS" inside an explanation; Detail is
	// WHY, Subject is EXPR and At is POS.
	From
	// Truncated: "  warning: truncated explanation due to assignment cycle; ...".
	Truncated

	numKinds
)

var kindNames = [numKinds]string{
	Unknown:              "unknown",
	PackageHeader:        "package",
	GoCommand:            "go-command",
	IRDump:               "ir-dump",
	MovedToHeap:          "moved-to-heap",
	EscapesToHeap:        "escapes-to-heap",
	DoesNotEscape:        "does-not-escape",
	LeakingParam:         "leaking-param",
	LeakingParamContent:  "leaking-param-content",
	LeakingParamToResult: "leaking-param-to-result",
	MutatesParam:         "mutates-param",
	CallsParam:           "calls-param",
	Capturing:            "capturing",
	SelfAssignment:       "self-assignment",
	ZeroCopy:             "zero-copy",
	UnsafeUintptr:        "unsafe-uintptr",
	EscapingUintptr:      "escaping-uintptr",
	ClosureGlobal:        "closure-global",
	ConvertDebug:         "convert-debug",
	LoopVar:              "loop-var",
	CanInline:            "can-inline",
	CannotInline:         "cannot-inline",
	CannotInlineCall:     "cannot-inline-call",
	BigFunction:          "big-function",
	InliningCall:         "inlining-call",
	Devirtualizing:       "devirtualizing",
	CannotDevirtualize:   "cannot-devirtualize",
	ImpreciseCall:        "imprecise-interface-call",
	BoundsCheck:          "bounds-check",
	BoundsCheckElided:    "bounds-check-elided",
	NilCheck:             "nil-check",
	LargeCopy:            "large-copy",
	EscapeHeader:         "escape-header",
	LeakHeader:           "leak-header",
	Flow:                 "flow",
	From:                 "from",
	Truncated:            "truncated-explanation",
}

// String returns the kind's stable name, as used in JSON reports.
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return "unknown"
}

// KindOf returns the kind named name (the inverse of [Kind.String]) and
// whether there is one.
func KindOf(name string) (Kind, bool) {
	for k, n := range &kindNames {
		if n == name {
			return Kind(k), true
		}
	}
	return Unknown, false
}

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler; unknown names decode
// as Unknown.
func (k *Kind) UnmarshalText(b []byte) error {
	*k, _ = KindOf(string(b))
	return nil
}

// explains reports whether k is a line of a -m=2 explanation block.
//
//perf:inline
func (k Kind) explains() bool {
	return k == EscapeHeader || k == LeakHeader || k == Flow || k == From || k == Truncated
}
