namespace Reactivation.LocalOrg.Registration;

/// <summary>
/// One SdkMessageProcessingStep as an admin imports it: which message on which table, at which
/// stage and rank, in which mode, with which filtering attributes, images and configuration.
/// Read from solution/SdkMessageProcessingSteps/*.xml; tests may also build them in code.
/// </summary>
/// <param name="PrimaryEntity">Table logical name; empty for steps on any table (and for Custom APIs).</param>
/// <param name="Stage">10 PreValidation, 20 PreOperation, 40 PostOperation.</param>
/// <param name="Mode">0 synchronous, 1 asynchronous (PostOperation only).</param>
/// <param name="FilteringAttributes">Update only: the step fires when one of these is in the Target; empty = any.</param>
/// <param name="PluginTypeName">Full CLR type name of the IPlugin, e.g. "Reactivation.Plugins.ContactLifecyclePlugin".</param>
public sealed record StepRegistration(
    Guid StepId,
    string Name,
    string MessageName,
    string PrimaryEntity,
    int Stage,
    int Mode,
    int Rank,
    IReadOnlyList<string> FilteringAttributes,
    IReadOnlyList<ImageRegistration> Images,
    string PluginTypeName,
    string? UnsecureConfiguration,
    string? SecureConfiguration);

/// <summary>A pre or post entity image of a step.</summary>
/// <param name="ImageType">0 PreImage, 1 PostImage, 2 both.</param>
/// <param name="Attributes">Columns in the image; empty = all columns.</param>
/// <param name="MessagePropertyName">"Target" for Update/Delete, "id" for Create.</param>
public sealed record ImageRegistration(
    string EntityAlias,
    int ImageType,
    IReadOnlyList<string> Attributes,
    string MessagePropertyName);
