using System.Reflection;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.PluginTelemetry;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class PluginContractTests
{
    [TestMethod]
    public void InvalidPluginExecutionException_defaults_to_Failed_with_no_HTTP_status()
    {
        var error = new InvalidPluginExecutionException("The offer has expired.");

        Assert.AreEqual(OperationStatus.Failed, error.Status);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, error.HttpStatus);
        Assert.AreEqual(error.HResult, error.ErrorCode);
        Assert.AreEqual("The offer has expired.", error.Message);
        Assert.AreEqual(OperationStatus.Failed, new InvalidPluginExecutionException().Status);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_with_an_error_code_sets_HResult_and_ErrorCode()
    {
        var error = new InvalidPluginExecutionException(OperationStatus.Retry, -2147220891, "Try again later.");

        Assert.AreEqual(OperationStatus.Retry, error.Status);
        Assert.AreEqual(-2147220891, error.HResult);
        Assert.AreEqual(-2147220891, error.ErrorCode);

        var withoutCode = new InvalidPluginExecutionException(OperationStatus.Canceled, 0, "Cancelled.");
        const int CorEException = unchecked((int)0x80131500); // System.Exception's own HResult: a zero code leaves it alone
        Assert.AreEqual(CorEException, withoutCode.ErrorCode);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_carries_an_HTTP_status_for_Web_API_callers()
    {
        var error = new InvalidPluginExecutionException("Contact limit reached.", PluginHttpStatusCode.TooManyRequests);
        var full = new InvalidPluginExecutionException(OperationStatus.Failed, 42, "Conflict.", PluginHttpStatusCode.Conflict);

        Assert.AreEqual(PluginHttpStatusCode.TooManyRequests, error.HttpStatus);
        Assert.AreEqual(429, (int)error.HttpStatus);
        Assert.AreEqual(PluginHttpStatusCode.Conflict, full.HttpStatus);
        Assert.AreEqual(42, full.ErrorCode);
    }

    [TestMethod]
    public void Wrapping_an_InvalidPluginExecutionException_keeps_its_HTTP_status()
    {
        var inner = new InvalidPluginExecutionException("Not found.", PluginHttpStatusCode.NotFound);

        var wrapped = new InvalidPluginExecutionException("Evaluation failed.", inner);
        var wrappedOther = new InvalidPluginExecutionException("Evaluation failed.", new InvalidOperationException());

        Assert.AreEqual(PluginHttpStatusCode.NotFound, wrapped.HttpStatus);
        Assert.AreSame(inner, wrapped.InnerException);
        Assert.AreEqual(PluginHttpStatusCode.NotSet, wrappedOther.HttpStatus);
    }

    [TestMethod]
    public void InvalidPluginExecutionException_does_not_override_GetObjectData_so_it_works_in_partial_trust()
    {
        var declared = typeof(InvalidPluginExecutionException).GetMethod(
            "GetObjectData", BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        Assert.IsNull(declared);
        Assert.IsTrue(typeof(InvalidPluginExecutionException).IsSealed);
    }

    [TestMethod]
    public void A_plugin_class_implements_IPlugin_and_reads_its_services_from_the_provider()
    {
        var provider = new SingleServiceProvider(new RecordingTracer());
        IPlugin plugin = new TracingPlugin();

        plugin.Execute(provider);

        CollectionAssert.AreEqual(new[] { "stage 40" }, ((RecordingTracer)provider.Service).Lines);
    }

    [TestMethod]
    public void EventId_name_is_optional()
    {
        var withName = new EventId(7, "StageChanged");
        var withoutName = new EventId(8);

        Assert.AreEqual(7, withName.Id);
        Assert.AreEqual("StageChanged", withName.Name);
        Assert.IsNull(withoutName.Name);
        Assert.AreEqual(6, (int)Enum.Parse<LogLevel>("None"));
    }

    private sealed class TracingPlugin : IPlugin
    {
        public void Execute(IServiceProvider serviceProvider)
        {
            var tracer = (ITracingService)serviceProvider.GetService(typeof(ITracingService))!;
            tracer.Trace("stage {0}", 40);
        }
    }

    private sealed class RecordingTracer : ITracingService
    {
        public List<string> Lines { get; } = [];

        public void Trace(string format, params object[] args) =>
            Lines.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }

    private sealed class SingleServiceProvider(object service) : IServiceProvider
    {
        public object Service { get; } = service;

        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(Service) ? Service : null;
    }
}
