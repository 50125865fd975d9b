using System.Text.RegularExpressions;
using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>
/// The stand-in carries the real SDK's identity, so what compiles against it references Microsoft.Xrm.Sdk exactly as a
/// build against Microsoft.CrmSdk.CoreAssemblies does (../shared/reference/dataverse/sdk-identity.md).
/// </summary>
[TestClass]
public sealed partial class IdentityTests
{
    [TestMethod]
    public void The_stand_in_is_Microsoft_Xrm_Sdk_9_0_0_0_with_Microsoft_s_public_key_token()
    {
        Assert.AreEqual(
            "Microsoft.Xrm.Sdk, Version=9.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35",
            typeof(Entity).Assembly.GetName().FullName);
    }

    [TestMethod]
    public void The_stand_in_s_public_key_is_the_one_sdk_identity_md_gives_and_its_token_the_reference_it_states()
    {
        var text = string.Join("\n", SharedReference.Lines("sdk-identity.md"));
        var key = string.Concat(KeyBlock().Match(text).Groups["hex"].Value.Where(char.IsAsciiHexDigit));
        var reference = FullReference().Match(text).Groups["name"].Value;

        Assert.AreEqual(320, key.Length, "sdk-identity.md: the 160-byte key in its code block");
        Assert.AreEqual(key, Convert.ToHexStringLower(typeof(Entity).Assembly.GetName().GetPublicKey()!));
        Assert.AreEqual(reference, typeof(Entity).Assembly.GetName().FullName);
    }

    [GeneratedRegex(@"```\n(?<hex>[0-9a-f\n]+)```")]
    private static partial Regex KeyBlock();

    [GeneratedRegex(@"\| full reference[^|]*\| `(?<name>[^`]+)` \|")]
    private static partial Regex FullReference();
}
