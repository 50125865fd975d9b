using System.Runtime.CompilerServices;

// The tests check behaviour that hangs on internal setters (read-only collections, aliased values).
[assembly: InternalsVisibleTo("Reactivation.XrmSdkCompat.Tests")]
// The in-memory organisation fills in what only the platform sets in the real SDK
// (formatted values, aliased values, read-only collections). With -p:DataverseSdk=Package these
// internals are not visible, so LocalOrg must keep such uses behind its own seam.
[assembly: InternalsVisibleTo("Reactivation.LocalOrg")]
