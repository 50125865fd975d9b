using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Reactivation.Plugins.Tests")]
