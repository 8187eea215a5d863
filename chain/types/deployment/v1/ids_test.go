package deploymentv1

import "testing"

func TestIDStrings(t *testing.T) {
	t.Parallel()
	d := DeploymentID{Owner: "akash1o", DSeq: 7}
	if got := d.String(); got != "akash1o/7" {
		t.Errorf("DeploymentID = %q", got)
	}
	g := d.GroupID(3)
	if got := g.String(); got != "akash1o/7/3" {
		t.Errorf("GroupID = %q", got)
	}
	if g.DeploymentID() != d {
		t.Error("GroupID().DeploymentID() does not round-trip")
	}
}
