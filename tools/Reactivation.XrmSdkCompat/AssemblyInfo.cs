using System.Runtime.CompilerServices;

// The tests check behaviour that hangs on internal setters (read-only collections, aliased values).
// Nothing else sees the internals: the local organisation must compile against the real SDK too
// (-p:DataverseSdk=Package), so it uses the public API only.
[assembly: InternalsVisibleTo("Reactivation.XrmSdkCompat.Tests")]
