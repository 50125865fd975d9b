using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using System.Security.Cryptography;
using Reactivation.XrmSdkCompat.Tests;

namespace Reactivation.Cli.Tests;

/// <summary>An assembly's identity as a reference names it: name, version and public key token (hex, "null" when unsigned).</summary>
internal sealed record AssemblyIdentity(string Name, Version Version, string Token)
{
    public static readonly AssemblyIdentity XrmSdk = new("Microsoft.Xrm.Sdk", new Version(9, 0, 0, 0), "31bf3856ad364e35");

    public override string ToString() => $"{Name}, Version={Version}, PublicKeyToken={Token}";

    /// <summary>The token of a public key blob (ECMA-335 II.6.2.1.3): the last 8 bytes of its SHA-1, reversed.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "ECMA-335 defines the public key token as part of a SHA-1 hash.")]
    public static string TokenOf(byte[] publicKey) =>
        publicKey.Length == 0 ? "null" : Convert.ToHexStringLower(SHA1.HashData(publicKey).AsSpan(^8).ToArray().Reverse().ToArray());

    public static AssemblyIdentity Of(MetadataReader reader, AssemblyReference reference)
    {
        var blob = reader.GetBlobBytes(reference.PublicKeyOrToken);
        var token = (reference.Flags & AssemblyFlags.PublicKey) != 0 ? TokenOf(blob) : blob.Length == 0 ? "null" : Convert.ToHexStringLower(blob);
        return new AssemblyIdentity(reader.GetString(reference.Name), reference.Version, token);
    }

    public static AssemblyIdentity Of(MetadataReader reader)
    {
        var definition = reader.GetAssemblyDefinition();
        return new AssemblyIdentity(reader.GetString(definition.Name), definition.Version, TokenOf(reader.GetBlobBytes(definition.PublicKey)));
    }

    /// <summary>The identity of the assembly in a file, or null when the file is no .NET assembly.</summary>
    public static AssemblyIdentity? OfFile(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        return pe.HasMetadata && pe.GetMetadataReader().IsAssembly ? Of(pe.GetMetadataReader()) : null;
    }
}

/// <summary>
/// What Dataverse needs of the one registered plugin assembly, read from its bytes with System.Reflection.Metadata:
/// a valid strong-name signature by the expected key, and nothing it references beyond the SDK, .NET Framework 4.6.2
/// and what travels in the same zip; of the SDK only members the real one has. Each check returns the problems it
/// found, as sentences naming the reference or member, empty when there are none.
/// </summary>
internal static class DeployableAssembly
{
    /// <summary>
    /// The strong-name signature checked as the loader would check it: the public key in the assembly's metadata is
    /// <paramref name="expectedPublicKey"/>, and the signature blob is that key's RSA signature of the image's hash
    /// (ECMA-335 II.6.2.1.3: the PE headers with checksum and certificate-table entry zeroed, then every section's raw
    /// data, leaving out the signature blob itself).
    /// </summary>
    public static IReadOnlyList<string> SignatureProblems(byte[] image, byte[] expectedPublicKey)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var headers = pe.PEHeaders;
        var corHeader = headers.CorHeader!;
        var publicKey = pe.GetMetadataReader().GetBlobBytes(pe.GetMetadataReader().GetAssemblyDefinition().PublicKey);
        if (publicKey.Length == 0)
        {
            return ["the assembly has no public key: it is not strong-name signed."];
        }

        var problems = new List<string>();
        if (!publicKey.AsSpan().SequenceEqual(expectedPublicKey))
        {
            problems.Add($"the assembly's public key (token {AssemblyIdentity.TokenOf(publicKey)}) is not the product's (token {AssemblyIdentity.TokenOf(expectedPublicKey)}).");
        }

        if ((corHeader.Flags & CorFlags.StrongNameSigned) == 0)
        {
            problems.Add("the CLI header does not flag the assembly as strong-name signed (delay- or public-signed).");
        }

        var signatureDirectory = corHeader.StrongNameSignatureDirectory;
        if (signatureDirectory.Size == 0 || !headers.TryGetDirectoryOffset(signatureDirectory, out var signatureOffset))
        {
            problems.Add("the assembly has no strong-name signature blob.");
            return problems;
        }

        // The public key blob: a 12-byte header (signature and hash algorithm, length) and a CryptoAPI PUBLICKEYBLOB.
        var hashAlgorithm = BitConverter.ToInt32(publicKey, 4) switch
        {
            0x8004 => HashAlgorithmName.SHA1,
            0x800c => HashAlgorithmName.SHA256,
            0x800d => HashAlgorithmName.SHA384,
            0x800e => HashAlgorithmName.SHA512,
            var other => throw new InvalidOperationException($"hash algorithm 0x{other:x} of the public key is not one of CryptoAPI's SHA ids"),
        };
        using var hash = IncrementalHash.CreateHash(hashAlgorithm);
        var sectionTable = headers.PEHeaderStartOffset + headers.CoffHeader.SizeOfOptionalHeader;
        var peHeaders = image.AsSpan(0, sectionTable + (headers.SectionHeaders.Length * 40)).ToArray();
        const int ChecksumInOptionalHeader = 64;
        const int CertificateTableEntry = 4;
        var dataDirectories = headers.PEHeaderStartOffset + (headers.PEHeader!.Magic == PEMagic.PE32Plus ? 112 : 96);
        Array.Clear(peHeaders, headers.PEHeaderStartOffset + ChecksumInOptionalHeader, 4);
        Array.Clear(peHeaders, dataDirectories + (CertificateTableEntry * 8), 8);
        hash.AppendData(peHeaders);
        var signatureEnd = signatureOffset + signatureDirectory.Size;
        foreach (var section in headers.SectionHeaders)
        {
            var start = section.PointerToRawData;
            var end = start + section.SizeOfRawData;
            if (signatureOffset >= start && signatureEnd <= end)
            {
                hash.AppendData(image, start, signatureOffset - start);
                hash.AppendData(image, signatureEnd, end - signatureEnd);
            }
            else
            {
                hash.AppendData(image, start, end - start);
            }
        }

        // The blob holds the signature little-endian, as CryptoAPI writes it; RSA wants it big-endian.
        var signature = image.AsSpan(signatureOffset, signatureDirectory.Size).ToArray();
        Array.Reverse(signature);
        using var rsa = new RSACryptoServiceProvider();
        rsa.ImportCspBlob(publicKey[12..]);
        if (!rsa.VerifyHash(hash.GetHashAndReset(), signature, hashAlgorithm, RSASignaturePadding.Pkcs1))
        {
            problems.Add("the strong-name signature does not match the image: the assembly was changed after signing or signed with another key.");
        }

        return problems;
    }

    /// <summary>Every assembly reference that is none of <paramref name="allowed"/>, each named with its identity.</summary>
    public static IReadOnlyList<string> ReferenceProblems(byte[] image, IReadOnlySet<AssemblyIdentity> allowed)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var reader = pe.GetMetadataReader();
        return References(reader)
            .Where(r => !allowed.Contains(r))
            .Select(r => $"references {r}, which is neither Microsoft.Xrm.Sdk 9.0.0.0, part of .NET Framework 4.6.2, nor in the zip.")
            .ToList();
    }

    public static List<AssemblyIdentity> References(byte[] image)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        return References(pe.GetMetadataReader());
    }

    private static List<AssemblyIdentity> References(MetadataReader reader) =>
        reader.AssemblyReferences.Select(h => AssemblyIdentity.Of(reader, reader.GetAssemblyReference(h))).ToList();

    /// <summary>
    /// The assemblies of .NET Framework 4.6.2 a plugin may reference: the reference assemblies of the
    /// Microsoft.NETFramework.ReferenceAssemblies.net462 package the build restored, with their Facades.
    /// </summary>
    public static HashSet<AssemblyIdentity> Framework462()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var package = Path.Combine(packages, "microsoft.netframework.referenceassemblies.net462");
        var folder = Directory.Exists(package)
            ? Directory.GetDirectories(package).Select(v => Path.Combine(v, "build", ".NETFramework", "v4.6.2")).FirstOrDefault(Directory.Exists)
            : null;
        if (folder is null)
        {
            throw new InvalidOperationException($"No .NET Framework 4.6.2 reference assemblies under {package}: the net462 build restores them.");
        }

        return Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(folder, "Facades"), "*.dll"))
            .Select(f => AssemblyIdentity.OfFile(File.ReadAllBytes(f)))
            .OfType<AssemblyIdentity>()
            .ToHashSet();
    }

    /// <summary>
    /// The SDK types and members the assembly uses (its TypeRefs into Microsoft.Xrm.Sdk and the MemberRefs on them,
    /// generic instantiations included), rendered in xrm-sdk-api.txt's line format by the API-surface test's renderer;
    /// each line not in <paramref name="realSurface"/> is a problem. The members are resolved through reflection in a
    /// throw-away load context, where the SDK is the stand-in this repository compiles against.
    /// </summary>
    public static IReadOnlyList<string> SdkMemberProblems(byte[] image, IReadOnlySet<string> realSurface, out int checkedLines)
    {
        using var pe = new PEReader(ImmutableArray.Create(image));
        var reader = pe.GetMetadataReader();
        var sdkReferences = reader.AssemblyReferences.Where(h => reader.GetString(reader.GetAssemblyReference(h).Name) == AssemblyIdentity.XrmSdk.Name).ToHashSet();
        bool FromSdk(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeReference => reader.GetTypeReference((TypeReferenceHandle)handle).ResolutionScope is var scope
                && (scope.Kind == HandleKind.AssemblyReference ? sdkReferences.Contains((AssemblyReferenceHandle)scope) : scope.Kind == HandleKind.TypeReference && FromSdk(scope)),
            HandleKind.TypeSpecification => GenericTypeOf(reader, (TypeSpecificationHandle)handle) is { } generic && FromSdk(generic),
            _ => false,
        };

        var context = new AssemblyLoadContext("sdk-member-check", isCollectible: true);
        try
        {
            var module = context.LoadFromStream(new MemoryStream(image)).ManifestModule;
            var lines = new SortedSet<string>(StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var handle in reader.TypeReferences.Where(h => FromSdk(h)))
            {
                lines.Add(ApiSurfaceRenderer.KindLine(module.ResolveType(MetadataTokens.GetToken(handle))));
            }

            foreach (var handle in reader.MemberReferences)
            {
                var parent = reader.GetMemberReference(handle).Parent;
                if (!FromSdk(parent))
                {
                    continue;
                }

                var member = module.ResolveMember(MetadataTokens.GetToken(handle))!;
                var line = ApiSurfaceRenderer.Render(member);
                if (line is null)
                {
                    problems.Add($"uses {member.DeclaringType}.{member.Name}, which is not public in the SDK.");
                    continue;
                }

                lines.Add(line);
            }

            problems.AddRange(lines.Where(l => !realSurface.Contains(l) && !RealSdkSurface.IsCompilerWrittenConstructor(l, realSurface)).Select(l => $"uses '{l}', which the real Microsoft.Xrm.Sdk does not have (xrm-sdk-api.txt)."));
            checkedLines = lines.Count;
            return problems;
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The generic type of an instantiation blob (GENERICINST CLASS|VALUETYPE TypeDefOrRef ...), else null.</summary>
    private static EntityHandle? GenericTypeOf(MetadataReader reader, TypeSpecificationHandle handle)
    {
        var blob = reader.GetBlobReader(reader.GetTypeSpecification(handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
        {
            return null;
        }

        blob.ReadByte(); // CLASS or VALUETYPE
        return blob.ReadTypeHandle();
    }
}
