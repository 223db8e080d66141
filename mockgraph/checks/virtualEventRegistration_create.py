# The accept check of virtualEventRegistration.schema.json#/$defs/create, from mockgraph/accept.py: do not edit.
DIGEST = '6518cfb12a8423313514e8b46e8c701f84b9e0942a8407295a63601640dc6da9'
FORMATS = ['date-time']
from decimal import Decimal
import re
from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException


REGEX_PATTERNS = {
    '^#?microsoft\\.graph\\.virtualEventRegistration$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistration$'),
    '^#?microsoft\\.graph\\.virtualEventRegistrationQuestionAnswer$': re.compile('^#?microsoft\\.graph\\.virtualEventRegistrationQuestionAnswer$'),
    '^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$': re.compile('^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$')
}

NoneType = type(None)

def validate(data, custom_formats={}, name_prefix=None):
    validate____defs_create(data, custom_formats, (name_prefix or "data") + "")
    return data

def validate____defs_create(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data__missing_keys = set(['preferredLanguage', 'preferredTimezone']) - data.keys()
        if data__missing_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must contain ")
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistration$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistration$")
        if "id" in data_keys:
            data_keys.remove("id")
            data__id = data["id"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".id must NOT match a disallowed definition")
        if "cancelationDateTime" in data_keys:
            data_keys.remove("cancelationDateTime")
            data__cancelationDateTime = data["cancelationDateTime"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".cancelationDateTime must NOT match a disallowed definition")
        if "email" in data_keys:
            data_keys.remove("email")
            data__email = data["email"]
            if not isinstance(data__email, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".email must be string or null")
        if "externalRegistrationInformation" in data_keys:
            data_keys.remove("externalRegistrationInformation")
            data__externalRegistrationInformation = data["externalRegistrationInformation"]
            validate____defs_virtualeventexternalregistrationinformation(data__externalRegistrationInformation, custom_formats, (name_prefix or "data") + ".externalRegistrationInformation")
        if "firstName" in data_keys:
            data_keys.remove("firstName")
            data__firstName = data["firstName"]
            if not isinstance(data__firstName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".firstName must be string or null")
        if "lastName" in data_keys:
            data_keys.remove("lastName")
            data__lastName = data["lastName"]
            if not isinstance(data__lastName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".lastName must be string or null")
        if "preferredLanguage" in data_keys:
            data_keys.remove("preferredLanguage")
            data__preferredLanguage = data["preferredLanguage"]
            if not isinstance(data__preferredLanguage, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".preferredLanguage must be string or null")
        if "preferredTimezone" in data_keys:
            data_keys.remove("preferredTimezone")
            data__preferredTimezone = data["preferredTimezone"]
            if not isinstance(data__preferredTimezone, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".preferredTimezone must be string or null")
        if "registrationDateTime" in data_keys:
            data_keys.remove("registrationDateTime")
            data__registrationDateTime = data["registrationDateTime"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationDateTime must NOT match a disallowed definition")
        if "registrationQuestionAnswers" in data_keys:
            data_keys.remove("registrationQuestionAnswers")
            data__registrationQuestionAnswers = data["registrationQuestionAnswers"]
            if not isinstance(data__registrationQuestionAnswers, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationQuestionAnswers must be array or null")
            data__registrationQuestionAnswers_is_list = isinstance(data__registrationQuestionAnswers, (list, tuple))
            if data__registrationQuestionAnswers_is_list:
                data__registrationQuestionAnswers_len = len(data__registrationQuestionAnswers)
                for data__registrationQuestionAnswers_x, data__registrationQuestionAnswers_item in enumerate(data__registrationQuestionAnswers):
                    if not isinstance(data__registrationQuestionAnswers_item, (dict)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationQuestionAnswers[{data__registrationQuestionAnswers_x}]".format(**locals()) + " must be object")
                    validate____defs_virtualeventregistrationquestionanswer(data__registrationQuestionAnswers_item, custom_formats, (name_prefix or "data") + ".registrationQuestionAnswers[{data__registrationQuestionAnswers_x}]".format(**locals()))
        if "status" in data_keys:
            data_keys.remove("status")
            data__status = data["status"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".status must NOT match a disallowed definition")
        if "userId" in data_keys:
            data_keys.remove("userId")
            data__userId = data["userId"]
            raise JsonSchemaValueException("" + (name_prefix or "data") + ".userId must NOT match a disallowed definition")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventregistrationquestionanswer(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventRegistrationQuestionAnswer$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventRegistrationQuestionAnswer$")
        if "booleanValue" in data_keys:
            data_keys.remove("booleanValue")
            data__booleanValue = data["booleanValue"]
            if not isinstance(data__booleanValue, (bool, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".booleanValue must be boolean or null")
        if "displayName" in data_keys:
            data_keys.remove("displayName")
            data__displayName = data["displayName"]
            if not isinstance(data__displayName, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".displayName must be string or null")
        if "multiChoiceValues" in data_keys:
            data_keys.remove("multiChoiceValues")
            data__multiChoiceValues = data["multiChoiceValues"]
            if not isinstance(data__multiChoiceValues, (list, tuple, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".multiChoiceValues must be array or null")
            data__multiChoiceValues_is_list = isinstance(data__multiChoiceValues, (list, tuple))
            if data__multiChoiceValues_is_list:
                data__multiChoiceValues_len = len(data__multiChoiceValues)
                for data__multiChoiceValues_x, data__multiChoiceValues_item in enumerate(data__multiChoiceValues):
                    if not isinstance(data__multiChoiceValues_item, (str)):
                        raise JsonSchemaValueException("" + (name_prefix or "data") + ".multiChoiceValues[{data__multiChoiceValues_x}]".format(**locals()) + " must be string")
        if "questionId" in data_keys:
            data_keys.remove("questionId")
            data__questionId = data["questionId"]
            if not isinstance(data__questionId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".questionId must be string or null")
        if "value" in data_keys:
            data_keys.remove("value")
            data__value = data["value"]
            if not isinstance(data__value, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".value must be string or null")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data

def validate____defs_virtualeventexternalregistrationinformation(data, custom_formats={}, name_prefix=None):
    if not isinstance(data, (dict, NoneType)):
        raise JsonSchemaValueException("" + (name_prefix or "data") + " must be object or null")
    data_is_dict = isinstance(data, dict)
    if data_is_dict:
        data_keys = set(data.keys())
        if "@odata.type" in data_keys:
            data_keys.remove("@odata.type")
            data__odatatype = data["@odata.type"]
            if not isinstance(data__odatatype, (str)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must be string")
            if isinstance(data__odatatype, str):
                if not REGEX_PATTERNS['^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$'].search(data__odatatype):
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".@odata.type must match pattern ^#?microsoft\\.graph\\.virtualEventExternalRegistrationInformation$")
        if "referrer" in data_keys:
            data_keys.remove("referrer")
            data__referrer = data["referrer"]
            if not isinstance(data__referrer, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".referrer must be string or null")
        if "registrationId" in data_keys:
            data_keys.remove("registrationId")
            data__registrationId = data["registrationId"]
            if not isinstance(data__registrationId, (str, NoneType)):
                raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationId must be string or null")
            if isinstance(data__registrationId, str):
                data__registrationId_len = len(data__registrationId)
                if data__registrationId_len > 256:
                    raise JsonSchemaValueException("" + (name_prefix or "data") + ".registrationId must be shorter than or equal to 256 characters")
        if data_keys:
            raise JsonSchemaValueException("" + (name_prefix or "data") + " must not contain "+str(data_keys)+" properties")
    return data
ACCEPTS = validate
