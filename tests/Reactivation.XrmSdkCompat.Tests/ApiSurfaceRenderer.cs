using System.Reflection;
using System.Text;

namespace Reactivation.XrmSdkCompat.Tests;

/// <summary>
/// Renders public and protected members in the line format of xrm-sdk-api.txt:
/// "Namespace.Type :: signature", parameter names left out, "System." dropped, C# keywords for the
/// primitive types the file spells that way (it writes Decimal, not decimal), kind lines for types.
/// </summary>
internal static class ApiSurfaceRenderer
{
    private const BindingFlags Declared =
        BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(short)] = "short",
        [typeof(int)] = "int",
        [typeof(long)] = "long",
        [typeof(double)] = "double",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
    };

    public static IEnumerable<string> Render(Assembly assembly) =>
        assembly.GetExportedTypes().SelectMany(Render);

    public static IEnumerable<string> Render(Type type)
    {
        var prefix = TypeKey(type) + " :: ";
        if (type.IsEnum)
        {
            yield return prefix + Kind(type);
            foreach (var name in Enum.GetNames(type))
            {
                yield return prefix + name;
            }

            yield break;
        }

        yield return prefix + Kind(type);

        foreach (var ctor in type.GetConstructors(Declared).Where(c => !c.IsStatic && IsVisible(c)))
        {
            yield return prefix + Signature(ctor);
        }

        foreach (var property in type.GetProperties(Declared))
        {
            if (Signature(property) is { } line)
            {
                yield return prefix + line;
            }
        }

        foreach (var method in type.GetMethods(Declared).Where(m => IsVisible(m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))))
        {
            yield return prefix + Signature(method);
        }

        foreach (var field in type.GetFields(Declared).Where(f => IsVisible(f) && !f.IsSpecialName))
        {
            yield return prefix + Signature(field);
        }

        foreach (var @event in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && IsVisible(add)))
        {
            yield return prefix + "event " + TypeName(@event.EventHandlerType!) + " " + @event.Name;
        }
    }

    /// <summary>The type's own line, e.g. "Microsoft.Xrm.Sdk.Entity :: class" (what a reference to the type needs).</summary>
    public static string KindLine(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return TypeKey(type.IsGenericType ? type.GetGenericTypeDefinition() : type) + " :: " + Kind(type);
    }

    /// <summary>
    /// The line of one member as the file writes it, on its generic definition (a member of DataCollection&lt;string, object&gt;
    /// is listed on DataCollection&lt;TKey, TValue&gt;); a property's accessor gives the property's line. Null when the member is
    /// not part of the surface (internal, private).
    /// </summary>
    public static string? Render(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var declaring = member.DeclaringType!;
        if (declaring.IsGenericType && !declaring.IsGenericTypeDefinition)
        {
            declaring = declaring.GetGenericTypeDefinition();
            member = declaring.GetMemberWithSameMetadataDefinitionAs(member);
        }

        if (member is MethodInfo { IsGenericMethod: true, IsGenericMethodDefinition: false } instance)
        {
            member = instance.GetGenericMethodDefinition();
        }

        if (member is MethodInfo { IsSpecialName: true } accessor && !accessor.Name.StartsWith("op_", StringComparison.Ordinal))
        {
            member = declaring.GetProperties(Declared).FirstOrDefault(p => p.GetMethod == accessor || p.SetMethod == accessor)
                ?? (MemberInfo?)declaring.GetEvents(Declared).FirstOrDefault(e => e.AddMethod == accessor || e.RemoveMethod == accessor)
                ?? accessor;
        }

        var line = member switch
        {
            ConstructorInfo ctor when IsVisible(ctor) => Signature(ctor),
            PropertyInfo property => Signature(property),
            MethodInfo method when IsVisible(method) => Signature(method),
            FieldInfo field when IsVisible(field) => Signature(field),
            EventInfo { AddMethod: { } add } @event when IsVisible(add) => "event " + TypeName(@event.EventHandlerType!) + " " + @event.Name,
            _ => null,
        };
        return line is null ? null : TypeKey(declaring) + " :: " + line;
    }

    private static string Kind(Type type) => type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class";

    private static string Signature(ConstructorInfo ctor) => ".ctor(" + Parameters(ctor) + ")";

    private static string? Signature(PropertyInfo property)
    {
        var getter = property.GetMethod is { } g && IsVisible(g);
        var setter = property.SetMethod is { } s && IsVisible(s);
        if (!getter && !setter)
        {
            return null;
        }

        var accessors = getter && setter ? "{get;set}" : getter ? "{get}" : "{set}";
        var isStatic = (property.GetMethod ?? property.SetMethod)!.IsStatic ? "static " : string.Empty;
        var indexParameters = property.GetIndexParameters();
        var name = indexParameters.Length == 0
            ? property.Name
            : "this[" + string.Join(", ", indexParameters.Select(Parameter)) + "]";
        return isStatic + TypeName(property.PropertyType) + " " + name + " " + accessors;
    }

    private static string Signature(MethodInfo method)
    {
        if (method.Name.StartsWith("op_", StringComparison.Ordinal))
        {
            return Operator(method);
        }

        var isStatic = method.IsStatic ? "static " : string.Empty;
        var generic = method.IsGenericMethodDefinition
            ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
            : string.Empty;
        var extension = method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false) ? "this " : string.Empty;
        return isStatic + TypeName(method.ReturnType) + " " + method.Name + generic + "(" + extension + Parameters(method) + ")";
    }

    private static string Signature(FieldInfo field) => (field.IsStatic ? "static " : string.Empty) + TypeName(field.FieldType) + " " + field.Name;

    public static string TypeKey(Type type)
    {
        var name = type.Name;
        if (type.IsGenericTypeDefinition)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)]
                + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">";
        }

        return type.Namespace + "." + name;
    }

    public static string TypeName(Type type)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + "?";
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        var name = type.Name;
        if (type.IsGenericType)
        {
            name = name[..name.IndexOf('`', StringComparison.Ordinal)]
                + "<" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + ">";
        }

        return name;
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(Parameter));

    private static string Parameter(ParameterInfo parameter)
    {
        var text = new StringBuilder();
        if (parameter.ParameterType.IsByRef)
        {
            text.Append(parameter.IsOut ? "out " : "ref ");
        }
        else if (parameter.IsDefined(typeof(ParamArrayAttribute), false))
        {
            text.Append("params ");
        }

        return text.Append(TypeName(parameter.ParameterType)).ToString();
    }

    private static string Operator(MethodInfo method)
    {
        var parameters = "(" + Parameters(method) + ")";
        return method.Name switch
        {
            "op_Implicit" => "implicit operator " + TypeName(method.ReturnType) + parameters,
            "op_Explicit" => "explicit operator " + TypeName(method.ReturnType) + parameters,
            "op_Equality" => "operator ==" + parameters,
            "op_Inequality" => "operator !=" + parameters,
            _ => "operator " + method.Name + parameters,
        };
    }

    // Public, protected and protected internal are part of the surface; internal and private protected are not.
    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsVisible(FieldInfo field) => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly;
}
