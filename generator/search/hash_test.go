package search

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"
)

// hashVectors is testdata/hash.json, shared with the browser's engine: the shard and
// position group of a term are only found if both sides hash the same key the same way.
type hashVectors struct {
	Hashes []struct {
		Key   string `json:"key"`
		FNV1a uint32 `json:"fnv1a"`
	} `json:"hashes"`
	Keys []struct {
		Term string `json:"term"`
		Kind string `json:"kind"`
		Key  string `json:"key"`
	} `json:"keys"`
}

func readHashVectors(t *testing.T) hashVectors {
	t.Helper()
	b, err := os.ReadFile("testdata/hash.json")
	if err != nil {
		t.Fatal(err)
	}
	var v hashVectors
	if err := json.Unmarshal(b, &v); err != nil || len(v.Hashes) == 0 || len(v.Keys) == 0 {
		t.Fatalf("testdata/hash.json: %v (%d hashes, %d keys)", err, len(v.Hashes), len(v.Keys))
	}
	return v
}

func checkHashVectors(t *testing.T, side string, want, got hashVectors) {
	t.Helper()
	if len(got.Hashes) != len(want.Hashes) || len(got.Keys) != len(want.Keys) {
		t.Fatalf("%s: %d hashes and %d keys, want %d and %d", side, len(got.Hashes), len(got.Keys), len(want.Hashes), len(want.Keys))
	}
	for i, h := range want.Hashes {
		if got.Hashes[i].FNV1a != h.FNV1a {
			t.Errorf("%s: fnv1a(%q) = %d, want %d", side, h.Key, got.Hashes[i].FNV1a, h.FNV1a)
		}
	}
	for i, k := range want.Keys {
		if got.Keys[i].Key != k.Key {
			t.Errorf("%s: the key of %q (kind %s) is %q, want %q", side, k.Term, k.Kind, got.Keys[i].Key, k.Key)
		}
	}
}

func TestHashVectorsGo(t *testing.T) {
	want := readHashVectors(t)
	got := want
	got.Hashes = append(got.Hashes[:0:0], want.Hashes...)
	got.Keys = append(got.Keys[:0:0], want.Keys...)
	for i, h := range got.Hashes {
		got.Hashes[i].FNV1a = fnv1a(h.Key)
	}
	for i, k := range got.Keys {
		got.Keys[i].Key = termKey(k.Term, k.Kind[0])
	}
	checkHashVectors(t, "Go", want, got)
}

func TestHashVectorsJS(t *testing.T) {
	node := requireNode(t)
	want := readHashVectors(t)
	out, err := exec.Command(node, "testdata/hash_node.js", "../../static/js/search-engine.js", "testdata/hash.json").Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderrOf(err))
	}
	var got hashVectors
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node's output: %v\n%s", err, out)
	}
	checkHashVectors(t, "JS", want, got)
}
