package codec

import (
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// TestNoPlaceholderDescriptors checks every field type of akt's messages
// resolves in the registry the SDK signs with. gogoproto registers files in
// Go init order and leaves unresolved imports as placeholders, which break
// x/tx decoding; file names within a package must sort after their imports.
func TestNoPlaceholderDescriptors(t *testing.T) {
	t.Parallel()
	for _, md := range akashMessages(t) {
		for i := 0; i < md.Fields().Len(); i++ {
			fd := md.Fields().Get(i)
			var target protoreflect.Descriptor
			switch {
			case fd.Message() != nil:
				target = fd.Message()
			case fd.Enum() != nil:
				target = fd.Enum()
			default:
				continue
			}
			if target.IsPlaceholder() {
				t.Errorf("%s: type %s is an unresolved placeholder", fd.FullName(), target.FullName())
			}
		}
	}
}
