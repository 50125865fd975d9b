using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Reactivation.LocalOrg.Registration;

namespace Reactivation.LocalOrg.Solution;

/// <summary>
/// Reads an unpacked solution folder in the layout SolutionPackager / <c>pac solution unpack</c>
/// produce (Other/Solution.xml, PluginAssemblies/*/*.dll.data.xml, SdkMessageProcessingSteps/*.xml,
/// customapis/*/customapi.xml) into registrations the local organisation runs.
/// It checks what Dataverse would refuse at import or registration (a stage or mode out of range,
/// an async step before PostOperation, an image a message or stage cannot have, a step naming a
/// plugin type the assembly does not declare) and names the file in every error.
/// It does not load any .dll: binding type names to CLR types is <see cref="LocalOrganization.LoadSolution"/>'s job.
/// </summary>
public static class SolutionReader
{
    private const string StepsFolder = "SdkMessageProcessingSteps";
    private const string AssembliesFolder = "PluginAssemblies";
    private const string CustomApisFolder = "customapis";

    // FACTS.md §2 "Images": the messages that support entity images, and the message property the
    // image is taken from. Restricted to the messages SdkMessageIds knows.
    private static readonly Dictionary<string, string[]> ImageMessageProperties = new(StringComparer.Ordinal)
    {
        ["Create"] = ["id"],
        ["Update"] = ["Target"],
        ["Delete"] = ["Target"],
        ["Assign"] = ["Target"],
        ["Merge"] = ["Target", "SubordinateId"],
        ["SetState"] = ["EntityMoniker"],
        ["SetStateDynamicEntity"] = ["EntityMoniker"],
    };

    /// <summary>Reads the solution in <paramref name="folder"/>.</summary>
    /// <exception cref="SolutionFormatException">A file is missing, malformed or declares something Dataverse would refuse.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static SolutionDefinition Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The solution folder '{root}' does not exist.");
        }

        var reader = new FolderReader(root);
        var manifest = reader.ReadManifest();
        var assemblies = reader.ReadAssemblies();
        var pluginTypes = IndexPluginTypes(assemblies);
        var sourceFiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var steps = reader.ReadSteps(pluginTypes, sourceFiles);
        var customApis = reader.ReadCustomApis(pluginTypes, sourceFiles);

        var tables = Metadata.TableMetadataReader.Read(root);

        return new SolutionDefinition(
            root,
            manifest.UniqueName,
            manifest.Version,
            manifest.PublisherUniqueName,
            manifest.PublisherPrefix,
            assemblies.Select(a => a.Definition).ToList(),
            steps,
            customApis,
            sourceFiles)
        {
            Tables = tables,
        };
    }

    private static Dictionary<Guid, (PluginTypeDefinition Type, string File)> IndexPluginTypes(
        List<(PluginAssemblyDefinition Definition, string File)> assemblies)
    {
        var index = new Dictionary<Guid, (PluginTypeDefinition, string)>();
        foreach (var (assembly, file) in assemblies)
        {
            foreach (var type in assembly.PluginTypes)
            {
                if (index.TryGetValue(type.PluginTypeId, out var existing))
                {
                    throw FolderReader.Error(file, $"PluginTypeId {type.PluginTypeId} is declared twice (also in {existing.Item2}).");
                }

                index.Add(type.PluginTypeId, (type, file));
            }
        }

        return index;
    }

    private sealed record Manifest(string UniqueName, string Version, string PublisherUniqueName, string PublisherPrefix);

    /// <summary>One read of one folder: knows the root so every error can name a file relative to it.</summary>
    private sealed class FolderReader(string root)
    {
        public Manifest ReadManifest()
        {
            const string file = "Other/Solution.xml";
            var doc = Load(file);
            var rootElement = ExpectRoot(doc, "ImportExportXml", file);
            var manifest = Required(rootElement, "SolutionManifest", file);
            var uniqueName = RequiredText(manifest, "UniqueName", file);
            var versionElement = Required(manifest, "Version", file);
            var version = versionElement.Value.Trim();
            if (!System.Version.TryParse(version, out _))
            {
                throw Error(file, versionElement, $"<Version> '{version}' is not a version number like 1.0.0.0.");
            }

            var publisher = Required(manifest, "Publisher", file);
            var publisherName = RequiredText(publisher, "UniqueName", file);
            var prefix = RequiredText(publisher, "CustomizationPrefix", file);
            return new Manifest(uniqueName, version, publisherName, prefix);
        }

        public List<(PluginAssemblyDefinition Definition, string File)> ReadAssemblies()
        {
            var result = new List<(PluginAssemblyDefinition Definition, string File)>();
            var folder = Path.Combine(root, AssembliesFolder);
            if (!Directory.Exists(folder))
            {
                return result;
            }

            foreach (var assemblyFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                var dataFiles = Directory.GetFiles(assemblyFolder, "*.dll.data.xml");
                if (dataFiles.Length != 1)
                {
                    throw Error(Relative(assemblyFolder), $"expected exactly one <AssemblyName>.dll.data.xml in this folder, found {dataFiles.Length}.");
                }

                var file = Relative(dataFiles[0]);
                result.Add((ReadAssembly(file), file));
            }

            return result;
        }

        private PluginAssemblyDefinition ReadAssembly(string file)
        {
            var element = ExpectRoot(Load(file), "PluginAssembly", file);
            var fullName = RequiredAttribute(element, "FullName", file);
            var assemblyId = ParseGuid(RequiredAttribute(element, "PluginAssemblyId", file), "PluginAssemblyId", file, element);
            var name = TypePart(fullName);
            var types = new List<PluginTypeDefinition>();
            var pluginTypes = element.Element("PluginTypes");
            foreach (var type in pluginTypes?.Elements("PluginType") ?? [])
            {
                var typeId = ParseGuid(RequiredAttribute(type, "PluginTypeId", file), "PluginTypeId", file, type);
                var typeName = RequiredAttribute(type, "Name", file);
                var qualified = type.Attribute("AssemblyQualifiedName")?.Value;
                if (qualified is not null && !string.Equals(TypePart(qualified), typeName, StringComparison.Ordinal))
                {
                    throw Error(file, type, $"PluginType {typeId}: AssemblyQualifiedName '{qualified}' does not name the type '{typeName}'.");
                }

                types.Add(new PluginTypeDefinition(typeId, typeName, name));
            }

            return new PluginAssemblyDefinition(assemblyId, name, fullName, types);
        }

        public List<StepRegistration> ReadSteps(Dictionary<Guid, (PluginTypeDefinition Type, string File)> pluginTypes, Dictionary<string, string> sourceFiles)
        {
            var steps = new List<StepRegistration>();
            var folder = Path.Combine(root, StepsFolder);
            if (!Directory.Exists(folder))
            {
                return steps;
            }

            var seen = new Dictionary<Guid, string>();
            foreach (var path in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                var file = Relative(path);
                var step = ReadStep(file, pluginTypes);
                if (seen.TryGetValue(step.StepId, out var other))
                {
                    throw Error(file, $"SdkMessageProcessingStepId {step.StepId} is also used by {other}.");
                }

                seen.Add(step.StepId, file);
                sourceFiles[step.StepId.ToString("D")] = file;
                steps.Add(step);
            }

            return steps;
        }

        private StepRegistration ReadStep(string file, Dictionary<Guid, (PluginTypeDefinition Type, string File)> pluginTypes)
        {
            var step = ExpectRoot(Load(file), "SdkMessageProcessingStep", file);
            var stepId = ParseGuid(RequiredAttribute(step, "SdkMessageProcessingStepId", file), "SdkMessageProcessingStepId", file, step);
            var name = RequiredAttribute(step, "Name", file);

            var messageElement = Required(step, "SdkMessageId", file);
            var messageId = ParseGuid(messageElement.Value, "SdkMessageId", file, messageElement);
            if (!SdkMessageIds.TryGetMessageName(messageId, out var messageName))
            {
                throw Error(file, messageElement,
                    $"SdkMessageId {messageId} is not a platform message the local organisation knows " +
                    $"({string.Join(", ", SdkMessageIds.KnownMessageNames.Order(StringComparer.Ordinal))}). " +
                    "Steps on Custom API or other org-specific messages are not supported.");
            }

            var typeNameElement = Required(step, "PluginTypeName", file);
            var typeName = TypePart(typeNameElement.Value);
            var typeIdElement = Required(step, "PluginTypeId", file);
            var typeId = ParseGuid(typeIdElement.Value, "PluginTypeId", file, typeIdElement);
            if (!pluginTypes.TryGetValue(typeId, out var declared))
            {
                throw Error(file, typeIdElement,
                    $"PluginTypeId {typeId} ({typeName}) is not a plugin type declared in any {AssembliesFolder}/*/*.dll.data.xml of this solution.");
            }

            if (!string.Equals(declared.Type.TypeName, typeName, StringComparison.Ordinal))
            {
                throw Error(file, typeNameElement,
                    $"PluginTypeName names '{typeName}' but PluginTypeId {typeId} is the type '{declared.Type.TypeName}' in {declared.File}.");
            }

            var primaryEntity = Required(step, "PrimaryEntity", file).Value.Trim();
            if (string.Equals(primaryEntity, "none", StringComparison.OrdinalIgnoreCase))
            {
                // Steps registered for "any entity" carry the sdkmessagefilter's "none".
                primaryEntity = string.Empty;
            }

            var stageElement = Required(step, "Stage", file);
            var stage = ParseInt(stageElement, "Stage", file);
            if (stage is not (10 or 20 or 40))
            {
                throw Error(file, stageElement,
                    $"Stage {stage} is not a stage a step can be registered on (10 PreValidation, 20 PreOperation, 40 PostOperation).");
            }

            var modeElement = Required(step, "Mode", file);
            var mode = ParseInt(modeElement, "Mode", file);
            if (mode is not (0 or 1))
            {
                throw Error(file, modeElement, $"Mode {mode} is neither 0 (synchronous) nor 1 (asynchronous).");
            }

            if (mode == 1 && stage != 40)
            {
                throw Error(file, stageElement, $"an asynchronous step (Mode 1) runs only at stage 40 PostOperation, not at stage {stage}.");
            }

            var rankElement = Required(step, "Rank", file);
            var rank = ParseInt(rankElement, "Rank", file);
            var filtering = SplitList(step.Element("FilteringAttributes")?.Value);
            var configuration = step.Element("Configuration")?.Value;
            var images = ReadImages(step, file, messageName, stage);

            return new StepRegistration(
                stepId,
                name,
                messageName,
                primaryEntity,
                stage,
                mode,
                rank,
                filtering,
                images,
                typeName,
                string.IsNullOrEmpty(configuration) ? null : configuration,
                SecureConfiguration: null);
        }

        private static List<ImageRegistration> ReadImages(XElement step, string file, string messageName, int stage)
        {
            var images = new List<ImageRegistration>();
            foreach (var image in step.Element("SdkMessageProcessingStepImages")?.Elements("SdkMessageProcessingStepImage") ?? [])
            {
                var aliasElement = Required(image, "EntityAlias", file);
                var alias = aliasElement.Value.Trim();
                if (alias.Length == 0)
                {
                    throw Error(file, aliasElement, "an image has an empty <EntityAlias>; plugins find images by alias.");
                }

                var typeElement = Required(image, "ImageType", file);
                var imageType = ParseInt(typeElement, "ImageType", file);
                if (imageType is not (0 or 1 or 2))
                {
                    throw Error(file, typeElement, $"image '{alias}': ImageType {imageType} is not 0 (pre), 1 (post) or 2 (both).");
                }

                if (!ImageMessageProperties.TryGetValue(messageName, out var properties))
                {
                    throw Error(file, image, $"image '{alias}': the {messageName} message does not support entity images.");
                }

                var pre = imageType is 0 or 2;
                var post = imageType is 1 or 2;
                if (pre && messageName == "Create")
                {
                    throw Error(file, typeElement, $"image '{alias}': Create has no pre-image (the record does not exist before the operation).");
                }

                if (post && messageName == "Delete")
                {
                    throw Error(file, typeElement, $"image '{alias}': Delete has no post-image (the record no longer exists after the operation).");
                }

                if (post && stage != 40)
                {
                    throw Error(file, typeElement, $"image '{alias}': post-images exist only at stage 40 PostOperation, and this step is at stage {stage}.");
                }

                var propertyElement = Required(image, "MessagePropertyName", file);
                var property = Array.Find(properties, p => string.Equals(p, propertyElement.Value.Trim(), StringComparison.OrdinalIgnoreCase));
                if (property is null)
                {
                    throw Error(file, propertyElement,
                        $"image '{alias}': MessagePropertyName '{propertyElement.Value}' is not valid for {messageName} (expected {string.Join(" or ", properties)}).");
                }

                if (images.Exists(i => string.Equals(i.EntityAlias, alias, StringComparison.Ordinal) && Overlaps(i.ImageType, imageType)))
                {
                    throw Error(file, aliasElement, $"two images of this step use the alias '{alias}' for the same image type.");
                }

                images.Add(new ImageRegistration(alias, imageType, SplitList(image.Element("Attributes")?.Value), property));
            }

            return images;
        }

        private static bool Overlaps(int a, int b) => a == b || a == 2 || b == 2;

        public List<CustomApiRegistration> ReadCustomApis(Dictionary<Guid, (PluginTypeDefinition Type, string File)> pluginTypes, Dictionary<string, string> sourceFiles)
        {
            var apis = new List<CustomApiRegistration>();
            var folder = Path.Combine(root, CustomApisFolder);
            if (!Directory.Exists(folder))
            {
                return apis;
            }

            foreach (var apiFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                var path = Path.Combine(apiFolder, "customapi.xml");
                if (!File.Exists(path))
                {
                    throw Error(Relative(apiFolder), "this Custom API folder has no customapi.xml.");
                }

                var api = ReadCustomApi(apiFolder, Relative(path), pluginTypes);
                if (!sourceFiles.TryAdd(api.UniqueName, Relative(path)))
                {
                    throw Error(Relative(path), $"the Custom API unique name '{api.UniqueName}' is declared more than once.");
                }

                apis.Add(api);
            }

            return apis;
        }

        private CustomApiRegistration ReadCustomApi(string apiFolder, string file, Dictionary<Guid, (PluginTypeDefinition Type, string File)> pluginTypes)
        {
            var api = ExpectRoot(Load(file), "customapi", file);
            var uniqueName = RequiredAttribute(api, "uniquename", file);
            var bindingElement = Required(api, "bindingtype", file);
            var bindingType = ParseInt(bindingElement, "bindingtype", file);
            if (bindingType is not (0 or 1 or 2))
            {
                throw Error(file, bindingElement, $"bindingtype {bindingType} is not 0 (Global), 1 (Entity) or 2 (EntityCollection).");
            }

            var boundEntity = api.Element("boundentitylogicalname")?.Value.Trim();
            if (string.IsNullOrEmpty(boundEntity))
            {
                if (bindingType != 0)
                {
                    throw Error(file, bindingElement, $"a Custom API bound to a table (bindingtype {bindingType}) needs <boundentitylogicalname>.");
                }

                boundEntity = null;
            }

            var isFunction = ParseFlag(api, "isfunction", file);
            var isPrivate = ParseFlag(api, "isprivate", file);

            var pluginTypeElement = api.Element("plugintypeid");
            var keyElement = pluginTypeElement?.Element("plugintypeid") ?? pluginTypeElement?.Element("plugintypeexportkey");
            if (keyElement is null)
            {
                throw Error(file, api,
                    "the Custom API names no plugin type (<plugintypeid><plugintypeid>{guid}</plugintypeid></plugintypeid> or <plugintypeexportkey>); " +
                    "the local organisation cannot run a Custom API without its main-operation plugin.");
            }

            var typeId = ParseGuid(keyElement.Value, "plugintypeid", file, keyElement);
            if (!pluginTypes.TryGetValue(typeId, out var declared))
            {
                throw Error(file, keyElement, $"plugin type {typeId} is not declared in any {AssembliesFolder}/*/*.dll.data.xml of this solution.");
            }

            var requests = ReadParameters(apiFolder, "customapirequestparameters", "customapirequestparameter", canBeOptional: true);
            var responses = ReadParameters(apiFolder, "customapiresponseproperties", "customapiresponseproperty", canBeOptional: false);
            return new CustomApiRegistration(uniqueName, declared.Type.TypeName, bindingType, boundEntity, isFunction, isPrivate, requests, responses);
        }

        private List<CustomApiParameter> ReadParameters(string apiFolder, string folderName, string elementName, bool canBeOptional)
        {
            var result = new List<CustomApiParameter>();
            var folder = Path.Combine(apiFolder, folderName);
            if (!Directory.Exists(folder))
            {
                return result;
            }

            foreach (var parameterFolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
            {
                var path = Path.Combine(parameterFolder, elementName + ".xml");
                if (!File.Exists(path))
                {
                    throw Error(Relative(parameterFolder), $"this folder has no {elementName}.xml.");
                }

                var file = Relative(path);
                var element = ExpectRoot(Load(file), elementName, file);
                var uniqueName = RequiredAttribute(element, "uniquename", file);
                var typeElement = Required(element, "type", file);
                var type = ParseInt(typeElement, "type", file);
                if (type is < 0 or > 12)
                {
                    throw Error(file, typeElement, $"type {type} is not a Custom API parameter type (0 Boolean … 12 Guid).");
                }

                var isOptional = ParseFlag(element, "isoptional", file);
                if (isOptional && !canBeOptional)
                {
                    throw Error(file, element, "a response property cannot be optional.");
                }

                if (result.Exists(p => string.Equals(p.UniqueName, uniqueName, StringComparison.OrdinalIgnoreCase)))
                {
                    throw Error(file, element, $"'{uniqueName}' is declared twice in {Relative(folder)}.");
                }

                result.Add(new CustomApiParameter(uniqueName, type, isOptional));
            }

            return result;
        }

        // ---- XML helpers: every failure names the file (and the line when there is one) ----

        private XDocument Load(string file)
        {
            var path = Path.Combine(root, file);
            if (!File.Exists(path))
            {
                throw Error(file, "the file is missing.");
            }

            try
            {
                // XDocument.Load detects the UTF-8 byte-order mark that real exports start with.
                return XDocument.Load(path, LoadOptions.SetLineInfo);
            }
            catch (XmlException ex)
            {
                throw new SolutionFormatException(file, ex.LineNumber == 0 ? null : ex.LineNumber, $"not well-formed XML: {ex.Message}", ex);
            }
        }

        private static XElement ExpectRoot(XDocument doc, string name, string file)
        {
            var element = doc.Root;
            if (element is null || element.Name.LocalName != name)
            {
                throw Error(file, $"the root element is <{element?.Name.LocalName}>, expected <{name}>.");
            }

            return element;
        }

        private static XElement Required(XElement parent, string name, string file) =>
            parent.Element(name) ?? throw Error(file, parent, $"<{parent.Name.LocalName}> has no <{name}> element.");

        private static string RequiredText(XElement parent, string name, string file)
        {
            var element = Required(parent, name, file);
            var text = element.Value.Trim();
            return text.Length > 0 ? text : throw Error(file, element, $"<{name}> is empty.");
        }

        private static string RequiredAttribute(XElement element, string name, string file)
        {
            var value = element.Attribute(name)?.Value.Trim();
            return string.IsNullOrEmpty(value)
                ? throw Error(file, element, $"<{element.Name.LocalName}> has no {name} attribute.")
                : value;
        }

        private static Guid ParseGuid(string text, string what, string file, XElement at) =>
            Guid.TryParse(text.Trim(), out var id) ? id : throw Error(file, at, $"{what} '{text.Trim()}' is not a GUID.");

        private static int ParseInt(XElement element, string what, string file) =>
            int.TryParse(element.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(file, element, $"<{what}> '{element.Value.Trim()}' is not a whole number.");

        private static bool ParseFlag(XElement parent, string name, string file)
        {
            var element = parent.Element(name);
            return element?.Value.Trim() switch
            {
                null or "" or "0" => false,
                "1" => true,
                var other => throw Error(file, element!, $"<{name}> '{other}' is neither 0 nor 1."),
            };
        }

        public static SolutionFormatException Error(string file, string problem) => new(file, null, problem);

        private static SolutionFormatException Error(string file, XElement at, string problem) =>
            new(file, at is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null, problem);

        private string Relative(string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
    }

    /// <summary>"Ns.Type, Assembly, Version=…" → "Ns.Type".</summary>
    private static string TypePart(string assemblyQualifiedName)
    {
        var comma = assemblyQualifiedName.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? assemblyQualifiedName : assemblyQualifiedName.Substring(0, comma)).Trim();
    }

    private static List<string> SplitList(string? commaList) =>
        string.IsNullOrWhiteSpace(commaList)
            ? []
            : commaList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
