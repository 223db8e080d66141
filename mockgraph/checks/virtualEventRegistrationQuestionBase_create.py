# The accept check of virtualEventRegistrationQuestionBase.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = 'aadfb4609ab1cc33b6af952f05d212e4c2e952d29157b38d4dabe0707a8a675a'
FORMATS = []
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$'),
    '^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$'),
    '^#?microsoft\\.graph\\.(virtualEventRegistrationCustomQuestion|virtualEventRegistrationPredefinedQuestion)$': re.compile('^#?microsoft\\.graph\\.(virtualEventRegistrationCustomQuestion|virtualEventRegistrationPredefinedQuestion)$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_create(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_virtualeventregistrationcustomquestion_create(data, custom_formats, (name_prefix or "data") + "")
    try:
        data_is_dict = isinstance(data, dict)
        if data_is_dict:
            data__missing_keys = set(['@odata.type']) - data.keys()
            if data__missing_keys:
                raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
            data_keys = set(data.keys())
            if "@odata.type" in data_keys:
                data_keys.remove("@odata.type")
                data__odatatype = data["@odata.type"]
                if not isinstance(data__odatatype, (str)):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
                if isinstance(data__odatatype, str):
                    if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$'].search(data__odatatype):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistrationPredefinedQuestion$")
    except (JsonSchemaValueException, JsonSchemaValuesException):
        pass
    else:
        validate____defs_virtualeventregistrationpredefinedquestion_create(data, custom_formats, (name_prefix or "data") + "")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['@odata.type']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.(virtualEventRegistrationCustomQuestion|virtualEventRegistrationPredefinedQuestion)$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.(virtualEventRegistrationCustomQuestion|virtualEventRegistrationPredefinedQuestion)$")
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

def validate____defs_virtualeventregistrationcustomquestion_create(data, custom_formats={}, name_prefix=None):
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
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistrationCustomQuestion$")
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
        if "answerChoices" in data_keys:
            data_keys.remove("answerChoices")
            data__answerChoices = data["answerChoices"]
            if not isinstance(data__answerChoices, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".answerChoices must be array or null")
            data__answerChoices_is_list = isinstance(data__answerChoices, (list, tuple))
            if data__answerChoices_is_list:
                data__answerChoices_len = len(data__answerChoices)
                for data__answerChoices_x, data__answerChoices_item in enumerate(data__answerChoices):
                    if not isinstance(data__answerChoices_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".answerChoices[{data__answerChoices_x}]".format(**locals()) + " must be string")
        if "answerInputType" in data_keys:
            data_keys.remove("answerInputType")
            data__answerInputType = data["answerInputType"]
            validate____defs_virtualeventregistrationquestionanswerinputtype(data__answerInputType, custom_formats, (name_prefix or "data") + ".answerInputType")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventregistrationquestionanswerinputtype(data, custom_formats={}, name_prefix=None):
    if not (isinstance(data, str) and data == 'text' or isinstance(data, str) and data == 'multilineText' or isinstance(data, str) and data == 'singleChoice' or isinstance(data, str) and data == 'multiChoice' or isinstance(data, str) and data == 'boolean' or isinstance(data, str) and data == 'unknownFutureValue' or data is None):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be one of ['text', 'multilineText', 'singleChoice', 'multiChoice', 'boolean', 'unknownFutureValue', None]")
    return data
ACCEPTS = validate
