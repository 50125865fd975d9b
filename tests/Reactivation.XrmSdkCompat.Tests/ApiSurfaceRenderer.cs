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
            yield return prefix + "enum";
            foreach (var name in Enum.GetNames(type))
            {
                yield return prefix + name;
            }

            yield break;
        }

        yield return prefix + (type.IsInterface ? "interface" : type.IsValueType ? "struct" : "class");

        foreach (var ctor in type.GetConstructors(Declared).Where(c => !c.IsStatic && IsVisible(c)))
        {
            yield return prefix + ".ctor(" + Parameters(ctor) + ")";
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var getter = property.GetMethod is { } g && IsVisible(g);
            var setter = property.SetMethod is { } s && IsVisible(s);
            if (!getter && !setter)
            {
                continue;
            }

            var accessors = getter && setter ? "{get;set}" : getter ? "{get}" : "{set}";
            var isStatic = (property.GetMethod ?? property.SetMethod)!.IsStatic ? "static " : string.Empty;
            var indexParameters = property.GetIndexParameters();
            var name = indexParameters.Length == 0
                ? property.Name
                : "this[" + string.Join(", ", indexParameters.Select(Parameter)) + "]";
            yield return prefix + isStatic + TypeName(property.PropertyType) + " " + name + " " + accessors;
        }

        foreach (var method in type.GetMethods(Declared).Where(IsVisible))
        {
            if (method.Name.StartsWith("op_", StringComparison.Ordinal))
            {
                yield return prefix + Operator(method);
                continue;
            }

            if (method.IsSpecialName)
            {
                continue; // property and event accessors
            }

            var isStatic = method.IsStatic ? "static " : string.Empty;
            var generic = method.IsGenericMethodDefinition
                ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                : string.Empty;
            var extension = method.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false) ? "this " : string.Empty;
            yield return prefix + isStatic + TypeName(method.ReturnType) + " " + method.Name + generic + "(" + extension + Parameters(method) + ")";
        }

        foreach (var field in type.GetFields(Declared).Where(f => IsVisible(f) && !f.IsSpecialName))
        {
            yield return prefix + (field.IsStatic ? "static " : string.Empty) + TypeName(field.FieldType) + " " + field.Name;
        }

        foreach (var @event in type.GetEvents(Declared).Where(e => e.AddMethod is { } add && IsVisible(add)))
        {
            yield return prefix + "event " + TypeName(@event.EventHandlerType!) + " " + @event.Name;
        }
    }

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
