using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A message sent through IOrganizationService.Execute: a name plus named parameters.</summary>
    public class OrganizationRequest : IExtensibleDataObject
    {
        private ParameterCollection? _parameters;

        public OrganizationRequest() => RequestName = null!;

        public OrganizationRequest(string requestName) => RequestName = requestName;

        public string RequestName { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public ParameterCollection Parameters
        {
            get => _parameters ??= new ParameterCollection();
            set => _parameters = value;
        }

        public Guid? RequestId { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public object? this[string parameterName]
        {
            get => Parameters[parameterName];
            set => Parameters[parameterName] = value;
        }

        // Typed request properties read like the real ones: an absent parameter gives the default, never throws.
        internal T GetParameter<T>(string key) =>
            Parameters.TryGetValue(key, out var value) && value != null ? (T)value : default!;
    }

    /// <summary>The answer to an OrganizationRequest: a name plus named results.</summary>
    public class OrganizationResponse : IExtensibleDataObject
    {
        private ParameterCollection? _results;

        public string? ResponseName { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public ParameterCollection Results
        {
            get => _results ??= new ParameterCollection();
            set => _results = value;
        }

        public ExtensionDataObject? ExtensionData { get; set; }

        public object? this[string parameterName]
        {
            get => Results[parameterName];
            set => Results[parameterName] = value;
        }

        internal T GetResult<T>(string key) =>
            Results.TryGetValue(key, out var value) && value != null ? (T)value : default!;
    }

    public sealed class ExecuteMultipleSettings : IExtensibleDataObject
    {
        public bool ContinueOnError { get; set; }

        public bool ReturnResponses { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    public sealed class ExecuteMultipleResponseItem : IExtensibleDataObject
    {
        public int RequestIndex { get; set; }

        public OrganizationResponse? Response { get; set; }

        public OrganizationServiceFault? Fault { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    /// <summary>What the service reports when an operation fails (carried by FaultException&lt;OrganizationServiceFault&gt;).</summary>
    public abstract class BaseServiceFault : IExtensibleDataObject
    {
        private ErrorDetailCollection? _errorDetails;

        internal BaseServiceFault()
        {
        }

        public string? Message { get; set; }

        public int ErrorCode { get; set; }

        public string? HelpLink { get; set; }

        public DateTime Timestamp { get; set; }

        public Guid ActivityId { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public ErrorDetailCollection ErrorDetails
        {
            get => _errorDetails ??= new ErrorDetailCollection();
            set => _errorDetails = value;
        }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    public class OrganizationServiceFault : BaseServiceFault
    {
        /// <summary>The plugin trace, when the fault came from a plugin.</summary>
        public string? TraceText { get; set; }

        public OrganizationServiceFault? InnerFault { get; set; }

        public override string ToString() => Message ?? base.ToString() ?? string.Empty;
    }

    /// <summary>The fault of an ExecuteTransaction: which request of the batch failed.</summary>
    public sealed class ExecuteTransactionFault : OrganizationServiceFault
    {
        public int FaultedRequestIndex { get; set; }
    }
}
