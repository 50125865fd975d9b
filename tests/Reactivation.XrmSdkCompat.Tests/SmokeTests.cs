using Microsoft.Xrm.Sdk;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class SmokeTests
{
    [TestMethod]
    public void The_stand_in_declares_IPlugin_in_the_real_namespace() =>
        Assert.AreEqual("Microsoft.Xrm.Sdk.IPlugin", typeof(IPlugin).FullName);
}
