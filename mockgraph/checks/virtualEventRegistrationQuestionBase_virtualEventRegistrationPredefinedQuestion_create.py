# The accept check of virtualEventRegistrationQuestionBase.schema.json#/$defs/virtualEventRegistrationPredefinedQuestion.create, from mockgraph/accept.py: do not edit.
DIGEST = '2b8f1e82dc0b1de19ca5b20bc7baac1f34fccfa47ef3b2bbebb099509a9bca0a'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_virtualeventregistrationpredefinedquestion_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_virtualeventregistrationpredefinedquestion_create(data, custom_formats={}, name_prefix=None):
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
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must NOT match a disallowed definition")
        if "isRequired" in data_keys:
            data_keys.remove("isRequired")
            data__isRequired = data["isRequired"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".isRequired must NOT match a disallowed definition")
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
