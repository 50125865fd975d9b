using System.IO.Compression;
using System.Reflection;
using System.ServiceModel;
using Microsoft.Xrm.Sdk;

namespace Reactivation.Sandbox.Stories;

/// <summary>
/// <c>Reactivation.Sandbox.Stories.exe --zip &lt;packed solution zip&gt; --solution &lt;solution folder&gt; --story &lt;name&gt; [--culture &lt;name&gt;]</c>:
/// loads Reactivation.Plugins.dll from the zip's bytes, imports the solution with it into a local organisation and runs
/// one story. Exit 0 and "PASS &lt;story&gt;" when everything a rep or admin would see is as expected; exit 1 with what
/// differs otherwise; exit 2 for a bad command line or a zip without the assembly.
/// </summary>
internal static class Program
{
    private const string PluginEntrySuffix = "/Reactivation.Plugins.dll";

    public static int Main(string[] args)
    {
        string? zip = null, solution = null, story = null, culture = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--zip": zip = args[i + 1]; break;
                case "--solution": solution = args[i + 1]; break;
                case "--story": story = args[i + 1]; break;
                case "--culture": culture = args[i + 1]; break;
                default: return Usage("unknown option '" + args[i] + "'");
            }
        }

        if (zip is null || solution is null || story is null) return Usage("--zip, --solution and --story are all needed");
        if (!Story.ByName.TryGetValue(story, out var run)) return Usage("no story '" + story + "' (" + string.Join(", ", Story.ByName.Keys) + ")");

        // The sandbox runs under the culture of the server, not the invariant one: tr-TR's dotless i, de-DE's decimal
        // comma and zh-CN must not change what a rep reads or what a rule decides.
        if (culture is not null)
        {
            Thread.CurrentThread.CurrentCulture = Thread.CurrentThread.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        }

        Assembly plugins;
        try
        {
            plugins = LoadFromZip(zip);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or BadImageFormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        try
        {
            run(new Story(plugins, solution));
            Console.WriteLine("PASS " + story + " (" + Thread.CurrentThread.CurrentCulture.Name + ", " + Environment.Version + ", " + plugins.FullName + ")");
            return 0;
        }
        catch (StoryFailedException e)
        {
            Console.WriteLine("FAIL " + story + ": " + e.Message);
            return 1;
        }
        catch (FaultException<OrganizationServiceFault> e)
        {
            Console.WriteLine("FAIL " + story + ": the organisation refused a request: " + e.Detail.Message);
            return 1;
        }
    }

    /// <summary>The plugin assembly as the sandbox gets it: the bytes of the zip's PluginAssemblies entry.</summary>
    private static Assembly LoadFromZip(string zip)
    {
        if (!File.Exists(zip)) throw new IOException("The solution zip '" + zip + "' does not exist.");
        using var archive = ZipFile.OpenRead(zip);
        var entry = archive.Entries.FirstOrDefault(e => e.FullName.StartsWith("PluginAssemblies/", StringComparison.Ordinal) && e.FullName.EndsWith(PluginEntrySuffix, StringComparison.Ordinal))
            ?? throw new IOException("The solution zip '" + zip + "' has no PluginAssemblies/…" + PluginEntrySuffix + " entry.");
        using var stream = entry.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return Assembly.Load(bytes.ToArray());
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine(problem + ". Usage: Reactivation.Sandbox.Stories.exe --zip <solution zip> --solution <solution folder> --story <name> [--culture <name>]");
        return 2;
    }
}
