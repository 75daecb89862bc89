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
