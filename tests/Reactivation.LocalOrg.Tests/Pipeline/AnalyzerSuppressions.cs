using System.Diagnostics.CodeAnalysis;

// Expected values written inline read best in a test; each array is built once per test run.
[assembly: SuppressMessage("Performance", "CA1861:Avoid constant arrays as arguments", Justification = "Inline expected values in tests.", Scope = "namespaceanddescendants", Target = "~N:Reactivation.LocalOrg.Tests")]
