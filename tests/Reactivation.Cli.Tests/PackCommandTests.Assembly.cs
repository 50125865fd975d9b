using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using SdkReference = Reactivation.XrmSdkCompat.Tests.SharedReference;

namespace Reactivation.Cli.Tests;

/// <summary>
/// The plugin assembly in the packed zip, as Dataverse receives it: signed with the product's key, small enough, and
/// needing nothing but the SDK, .NET Framework 4.6.2 and the zip (solution/README.md, "One assembly").
/// </summary>
public sealed partial class PackCommandTests
{
    private const string PluginEntry = "PluginAssemblies/Reactivation.Plugins-9E79B871-6102-4E1E-94FD-2642417358CA/Reactivation.Plugins.dll";

    [TestMethod]
    public void The_packed_plugin_assembly_is_strong_name_signed_with_the_product_key_and_the_signature_verifies()
    {
        var image = PackedFile(PluginEntry);

        var problems = DeployableAssembly.SignatureProblems(image, ProductPublicKey());
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var identity = AssemblyIdentity.OfFile(image)!;
        Assert.AreEqual("Reactivation.Plugins, Version=1.0.0.0, PublicKeyToken=545dc390472d3792", identity.ToString());
        var declared = XElement.Parse(_first.Entries("Reactivation_1_0_0_0_managed.zip")["customizations.xml"])
            .Descendants("PluginAssembly").Single().Attribute("FullName")!.Value;
        Assert.AreEqual("Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=545dc390472d3792", declared);
    }

    [TestMethod]
    public void A_changed_byte_or_another_key_fails_the_signature_check()
    {
        var image = PackedFile(PluginEntry);
        var tampered = (byte[])image.Clone();
        tampered[^1] ^= 0xff;
        var otherKey = ProductPublicKey();
        otherKey[^1] ^= 0xff;

        var tamperedProblems = DeployableAssembly.SignatureProblems(tampered, ProductPublicKey());
        var otherKeyProblems = DeployableAssembly.SignatureProblems(image, otherKey);

        Assert.HasCount(1, tamperedProblems, string.Join("\n", tamperedProblems));
        StringAssert.Contains(tamperedProblems[0], "does not match the image");
        Assert.HasCount(1, otherKeyProblems, string.Join("\n", otherKeyProblems));
        StringAssert.Contains(otherKeyProblems[0], "is not the product's");
    }

    [TestMethod]
    public void The_packed_plugin_assembly_references_only_the_SDK_and_the_framework_and_is_under_16_MB()
    {
        var image = PackedFile(PluginEntry);
        var allowed = AllowedReferences();

        Assert.IsLessThan(16 * 1024 * 1024, image.Length, "Dataverse refuses plugin assemblies over 16 MB");
        var problems = DeployableAssembly.ReferenceProblems(image, allowed);
        Assert.IsEmpty(problems, string.Join("\n", problems));
        var references = DeployableAssembly.References(image).Select(r => r.Name).ToList();
        CollectionAssert.Contains(references, "Microsoft.Xrm.Sdk");
        CollectionAssert.Contains(references, "mscorlib");
        CollectionAssert.DoesNotContain(references, "Reactivation.Core", "Core is compiled in");
        CollectionAssert.DoesNotContain(references, "Newtonsoft.Json");
    }

    [TestMethod]
    public void An_assembly_with_a_stray_reference_is_refused_naming_the_reference()
    {
        // The command-line tool itself references Newtonsoft.Json (and .NET 10), which a plugin may not.
        var stray = File.ReadAllBytes(typeof(CommandLine).Assembly.Location);

        var problems = DeployableAssembly.ReferenceProblems(stray, AllowedReferences());

        Assert.IsTrue(problems.Any(p => p.StartsWith("references Newtonsoft.Json, Version=13.0.0.0, PublicKeyToken=30ad4fe6b2a6aeed,", StringComparison.Ordinal)), string.Join("\n", problems));
    }

    [TestMethod]
    public void Every_SDK_member_the_packed_plugin_uses_exists_in_the_real_SDK()
    {
        var image = PackedFile(PluginEntry);
        var realSurface = SdkReference.Lines("xrm-sdk-api.txt").ToHashSet(StringComparer.Ordinal);

        var problems = DeployableAssembly.SdkMemberProblems(image, realSurface, out var checkedLines);

        Assert.IsEmpty(problems, string.Join("\n", problems));
        Assert.IsGreaterThanOrEqualTo(50, checkedLines, "the plugin uses at least this many SDK types and members; fewer means the check read nothing");
    }

    [TestMethod]
    public void An_SDK_member_missing_from_the_real_SDK_is_refused_naming_the_member()
    {
        var image = PackedFile(PluginEntry);
        var realSurface = SdkReference.Lines("xrm-sdk-api.txt").ToHashSet(StringComparer.Ordinal);
        const string Used = "Microsoft.Xrm.Sdk.Entity :: AttributeCollection Attributes {get;set}";
        Assert.Contains(Used, realSurface);
        realSurface.Remove(Used);

        var problems = DeployableAssembly.SdkMemberProblems(image, realSurface, out _);

        CollectionAssert.AreEqual(new[] { $"uses '{Used}', which the real Microsoft.Xrm.Sdk does not have (xrm-sdk-api.txt)." }, problems.ToArray());
    }

    [TestMethod]
    public void A_solution_still_naming_the_unsigned_identity_is_refused_against_the_signed_build()
    {
        Assert.AreEqual(0, _first.Code, _first.Out + _first.Err);
        var copy = CopyOfSolution();
        var dataXml = Directory.GetFiles(Path.Combine(copy, "PluginAssemblies"), "*.dll.data.xml", SearchOption.AllDirectories).Single();
        File.WriteAllText(dataXml, File.ReadAllText(dataXml).Replace("PublicKeyToken=545dc390472d3792", "PublicKeyToken=null", StringComparison.Ordinal));
        var source = Reactivation.Cli.Pack.UnpackedSolution.Read(copy);
        var built = Path.Combine(PackRun.RepositoryRoot(), "plugins", "Reactivation.Plugins", "bin", "Release", "net462");

        var refused = Assert.ThrowsExactly<Reactivation.Cli.Pack.PackException>(() => Reactivation.Cli.Pack.SolutionPackage.Entries(source, built, managed: true));

        StringAssert.Contains(refused.Message, "FullName 'Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=null' does not match the built assembly 'Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=545dc390472d3792'");
    }

    private static HashSet<AssemblyIdentity> AllowedReferences()
    {
        var allowed = DeployableAssembly.Framework462();
        allowed.Add(AssemblyIdentity.XrmSdk);
        using var archive = ZipFile.OpenRead(Path.Combine(_first.Folder, "Reactivation_1_0_0_0_managed.zip"));
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            if (AssemblyIdentity.OfFile(Read(entry)) is { } inZip)
            {
                allowed.Add(inZip);
            }
        }

        return allowed;
    }

    private static byte[] PackedFile(string name)
    {
        Assert.AreEqual(0, _first.Code, _first.Out + _first.Err);
        using var archive = ZipFile.OpenRead(Path.Combine(_first.Folder, "Reactivation_1_0_0_0_managed.zip"));
        return Read(archive.GetEntry(name) ?? throw new AssertFailedException(name + " is not in the zip"));
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>The public key blob of plugins/Reactivation.snk as an assembly carries it: the 12-byte header, then the key.</summary>
    private static byte[] ProductPublicKey()
    {
        using var rsa = new RSACryptoServiceProvider();
        rsa.ImportCspBlob(File.ReadAllBytes(Path.Combine(PackRun.RepositoryRoot(), "plugins", "Reactivation.snk")));
        var key = rsa.ExportCspBlob(includePrivateParameters: false);
        BitConverter.GetBytes(0x2400).CopyTo(key, 4); // the compiler writes the key as a signature key (CALG_RSA_SIGN)
        var header = new byte[12];
        BitConverter.GetBytes(0x2400).CopyTo(header, 0); // CALG_RSA_SIGN
        BitConverter.GetBytes(0x8004).CopyTo(header, 4); // CALG_SHA1
        BitConverter.GetBytes(key.Length).CopyTo(header, 8);
        return [.. header, .. key];
    }
}
