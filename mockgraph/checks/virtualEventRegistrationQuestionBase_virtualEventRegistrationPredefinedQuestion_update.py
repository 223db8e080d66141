# The accept check of virtualEventRegistrationQuestionBase.schema.json#/$defs/virtualEventRegistrationPredefinedQuestion.update, from mockgraph/accept.py: do not edit.
DIGEST = '32464ea661a24655f9675eb6e330efe55bf4992da17ca6ebc471eaf76aefddd0'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_virtualeventregistrationpredefinedquestion_update(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_virtualeventregistrationpredefinedquestion_update(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "isRequired" in data_keys:
            data_keys.remove("isRequired")
            data__isRequired = data["isRequired"]
            if not isinstance(data__isRequired, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".isRequired must be boolean or null")
        if "label" in data_keys:
            data_keys.remove("label")
            data__label = data["label"]
            validate____defs_virtualeventregistrationpredefinedquestionlabel(data__label, custom_formats, (name_prefix or "data") + ".label")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventregistrationpredefinedquestionlabel(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'street' or isinstance(data, str) and data == 'city' or isinstance(data, str) and data == 'state' or isinstance(data, str) and data == 'postalCode' or isinstance(data, str) and data == 'countryOrRegion' or isinstance(data, str) and data == 'industry' or isinstance(data, str) and data == 'jobTitle' or isinstance(data, str) and data == 'organization' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['street', 'city', 'state', 'postalCode', 'countryOrRegion', 'industry', 'jobTitle', 'organization', 'unknownFutureValue', None]")
    return data
ACCEPTS = validate
